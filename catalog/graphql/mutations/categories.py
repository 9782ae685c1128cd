import graphene
from graphene.types.generic import GenericScalar

from backend.accounts.permissions import Permission
from backend.graphql.core.ids import node_for
from backend.graphql.core.mutations import BaseMutation

from ...services import categories as services
from ...services.product_types import product_type_save
from ..types import CatalogError, CategoryNode, ProductTypeNode


def _category(info, global_id, field="id", cooperative=None):
    return node_for(info, global_id, CategoryNode, field=field, cooperative=cooperative)


class CategoryCreate(BaseMutation):
    category = graphene.Field(CategoryNode)

    class Arguments:
        cooperative = graphene.String()
        name = graphene.String(required=True)
        parent = graphene.ID()
        description = graphene.String()

    class Meta:
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG

    @classmethod
    def perform_mutation(cls, root, info, name, cooperative=None, parent=None, description=""):
        coop = cls.get_cooperative(info, cooperative=cooperative)
        parent_category = _category(info, parent, "parent", coop) if parent else None
        category = services.category_create(coop, name=name, parent=parent_category,
                                            description=description or "")
        return cls(category=category, errors=[])


class _CategoryById(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_cooperative(cls, info, **data):
        return _category(info, data["id"]).cooperative


class CategoryUpdate(_CategoryById):
    category = graphene.Field(CategoryNode)

    class Arguments:
        id = graphene.ID(required=True)
        name = graphene.String()
        description = graphene.String()
        parent = graphene.ID(description="Move under this category.")
        move_to_top = graphene.Boolean(description="Move to the top level.")

    class Meta:
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG

    @classmethod
    def perform_mutation(cls, root, info, id, name=None, description=None, parent=None,
                         move_to_top=False):
        category = _category(info, id)
        parent_category = _category(info, parent, "parent", category.cooperative) \
            if parent else None
        category = services.category_update(
            category, name=name, description=description, parent=parent_category,
            move=bool(parent) or bool(move_to_top))
        return cls(category=category, errors=[])


class CategoryDelete(_CategoryById):
    deleted_id = graphene.ID()

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Delete a category and its subcategories; their products stay, "\
                      "uncategorised."
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG

    @classmethod
    def perform_mutation(cls, root, info, id):
        services.category_delete(_category(info, id))
        return cls(deleted_id=id, errors=[])


class ProductTypeArguments:
    name = graphene.String(required=True)
    attributes = GenericScalar(
        description='[{"slug": "rasa", "name": "Rasa", "kind": "text", "variant": true}]')


class ProductTypeSave(BaseMutation):
    """Deprecated: productTypeCreate and productTypeUpdate (Saleor's names) do the same."""

    product_type = graphene.Field(ProductTypeNode)

    class Arguments(ProductTypeArguments):
        cooperative = graphene.String()
        id = graphene.ID(description="Give it to change an existing product type.")

    class Meta:
        description = "Create or change a product type and its attributes."
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG

    @classmethod
    def get_cooperative(cls, info, **data):
        if data.get("id"):
            return node_for(info, data["id"], ProductTypeNode).cooperative
        return super().get_cooperative(info, **data)

    @classmethod
    def perform_mutation(cls, root, info, name, cooperative=None, id=None, attributes=None):
        existing = node_for(info, id, ProductTypeNode) if id else None
        product_type = product_type_save(
            cls.get_cooperative(info, cooperative=cooperative, id=id), name=name,
            attributes=attributes or [], instance=existing)
        return cls(product_type=product_type, errors=[])


class ProductTypeCreate(ProductTypeSave):
    class Arguments(ProductTypeArguments):
        cooperative = graphene.String()

    class Meta:
        description = "Create a product type and its attributes."
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG


class ProductTypeUpdate(ProductTypeSave):
    class Arguments(ProductTypeArguments):
        id = graphene.ID(required=True)

    class Meta:
        description = "Change a product type and its attributes."
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG

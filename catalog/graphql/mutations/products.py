import graphene
from graphene.types.generic import GenericScalar

from backend.accounts.permissions import Permission
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import ModelMutation

from ...models import Product, ProductVariant
from ...services import moderation, products
from ..types import (
    CatalogError,
    CategoryNode,
    ProductNode,
    ProductTypeNode,
    ProductVariantNode,
    SellerNode,
)
from .base import SellerScopedMutation


class ProductVariantInput(graphene.InputObjectType):
    sku = graphene.String()
    barcode = graphene.String()
    name = graphene.String()
    attributes = GenericScalar()
    price = graphene.Int(description="Whole rupiah.")
    compare_at_price = graphene.Int(description="Price before discount, whole rupiah.")
    weight_grams = graphene.Int()
    length_cm = graphene.Decimal()
    width_cm = graphene.Decimal()
    height_cm = graphene.Decimal()
    position = graphene.Int()


class ProductInput(graphene.InputObjectType):
    name = graphene.String()
    description = graphene.String(description="Rich text; scripts and handlers are removed.")
    category = graphene.ID()
    product_type = graphene.ID()
    attributes = GenericScalar()
    is_halal = graphene.Boolean()
    is_food = graphene.Boolean()
    tracks_expiry = graphene.Boolean()
    shelf_life_days = graphene.Int()


def _product_data(info, input, cooperative) -> dict:
    return input_dict(input, {"category": CategoryNode, "product_type": ProductTypeNode},
                      info=info, cooperative=cooperative)


class ProductCreate(SellerScopedMutation):
    product = graphene.Field(ProductNode)
    node = SellerNode

    class Arguments:
        id = graphene.ID(required=True, description="The seller.")
        input = ProductInput(required=True)
        variants = graphene.List(graphene.NonNull(ProductVariantInput))

    class Meta:
        description = "Create a draft product for a seller."
        error_type = CatalogError

    @classmethod
    def seller_of(cls, obj):
        return obj

    @classmethod
    def perform_mutation(cls, root, info, id, input, variants=None):
        seller = cls.get_object(info, id)
        product = products.product_create(seller, _product_data(info, input, seller.cooperative),
                                          [input_dict(v) for v in variants or []])
        return cls(product=product, errors=[])


class _ProductMutation(SellerScopedMutation):
    product = graphene.Field(ProductNode)
    node = ProductNode

    class Meta:
        abstract = True

    @classmethod
    def queryset(cls):
        return Product.objects.select_related("seller", "cooperative")


class ProductUpdate(_ProductMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = ProductInput(required=True)

    class Meta:
        description = "Change a product. On a published product, changes to name, "\
                      "description and category wait for review; shoppers keep seeing the "\
                      "approved version."
        error_type = CatalogError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        product = cls.get_object(info, id)
        product = products.product_update(product, info.context.user,
                                          _product_data(info, input, product.cooperative))
        return cls(product=product, errors=[])


class ProductDelete(_ProductMutation):
    deleted_id = graphene.ID()

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type = CatalogError

    @classmethod
    def perform_mutation(cls, root, info, id):
        products.product_delete(cls.get_object(info, id))
        return cls(deleted_id=id, errors=[])


class ProductSubmit(_ProductMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Send a draft, or the changes to a published product, for review."
        error_type = CatalogError

    @classmethod
    def perform_mutation(cls, root, info, id):
        product = moderation.product_submit(cls.get_object(info, id), info.context.user)
        return cls(product=product, errors=[])


class _ProductReview(ModelMutation):
    product = graphene.Field(ProductNode)
    node = ProductNode

    class Meta:
        abstract = True

    @classmethod
    def queryset(cls):
        return Product.objects.select_related("seller")


class ProductApprove(_ProductReview):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Publish a product in review, or apply its reviewed changes."
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG

    @classmethod
    def perform_mutation(cls, root, info, id):
        product = moderation.product_approve(cls.get_object(info, id), info.context.user)
        return cls(product=product, errors=[])


class ProductReject(_ProductReview):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True, description="Shown to the seller.")

    class Meta:
        error_type = CatalogError
        permission = Permission.MANAGE_CATALOG

    @classmethod
    def perform_mutation(cls, root, info, id, reason):
        product = moderation.product_reject(cls.get_object(info, id), info.context.user, reason)
        return cls(product=product, errors=[])


class ProductVariantCreate(_ProductMutation):
    variant = graphene.Field(ProductVariantNode)

    class Arguments:
        id = graphene.ID(required=True, description="The product.")
        input = ProductVariantInput(required=True)

    class Meta:
        description = "Add a variant; prices and variants need no review."
        error_type = CatalogError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        product = cls.get_object(info, id)
        variant = products.variant_create(product, input_dict(input))
        return cls(product=product, variant=variant, errors=[])


class _VariantMutation(SellerScopedMutation):
    variant = graphene.Field(ProductVariantNode)
    node = ProductVariantNode

    class Meta:
        abstract = True

    @classmethod
    def queryset(cls):
        return ProductVariant.objects.select_related("product__seller")

    @classmethod
    def seller_of(cls, obj):
        return obj.product.seller


class ProductVariantUpdate(_VariantMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = ProductVariantInput(required=True)

    class Meta:
        error_type = CatalogError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        variant = products.variant_update(cls.get_object(info, id), input_dict(input))
        return cls(variant=variant, errors=[])


class ProductVariantDelete(_VariantMutation):
    deleted_id = graphene.ID()

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type = CatalogError

    @classmethod
    def perform_mutation(cls, root, info, id):
        products.variant_delete(cls.get_object(info, id))
        return cls(deleted_id=id, errors=[])

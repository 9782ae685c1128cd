"""Categories, product types, products (with search, filters and sorting) and sellers:
what shoppers, sellers and catalog staff read."""

import graphene
from django.utils.translation import gettext as _
from query_optimizer import optimize

from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.errors import NotFound
from backend.graphql.core.ids import find_node, pk_from_global_id, visible_nodes
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.permissions import require_cooperative

from .. import selectors
from ..models import Category, Product, ProductType, Seller
from ..search import ProductFilters, product_search
from .search import SearchQueries, ranked_window, remember_search, selects
from .types import (
    CategoryNode,
    ProductNode,
    ProductStatusEnum,
    ProductTypeNode,
    SellerNode,
    SellerStatusEnum,
)

ProductSortField = graphene.Enum("ProductSortField", [
    ("RELEVANCE", "relevance"), ("NAME", "name"), ("PRICE", "price"), ("NEWEST", "newest"),
    ("BEST_SELLING", "best_selling")], description=(
    "ASC gives the most relevant, the cheapest, the newest, the best-selling first; DESC "
    "reverses. Without a sort: relevance when searching, else name."))


SortDirection = graphene.Enum("SortDirection", [("ASC", "asc"), ("DESC", "desc")])


class ProductFilterInput(graphene.InputObjectType):
    category = graphene.ID(description="This category and its subcategories.")
    seller = graphene.ID()
    price_min = graphene.Int()
    price_max = graphene.Int()
    halal = graphene.Boolean()
    in_stock = graphene.Boolean(description="Only what shoppers can buy now (or only sold out).")
    statuses = graphene.List(graphene.NonNull(ProductStatusEnum), description=(
        "The seller's own or, for catalog staff, any products in these states. Without it: "
        "what shoppers see."))


class ProductSortInput(graphene.InputObjectType):
    field = ProductSortField(required=True)
    direction = SortDirection(required=True, default_value="asc")


def _by_id_or_slug(info, node, id=None, slug=None, cooperative=None):
    """By ID in the cooperative the request is about, if any; by slug in the one named."""
    if id:
        queryset = visible_nodes(info, node, cooperative=cooperative).filter(
            pk=pk_from_global_id(id, node._meta.name))
    elif slug:
        queryset = visible_nodes(info, node, cooperative=require_cooperative(
            info, cooperative)).filter(slug=slug)
    else:
        raise NotFound(_("Give an id or a slug."))
    return optimize(queryset, info).first()


class CatalogQueries(SearchQueries, graphene.ObjectType):
    categories = DjangoConnectionField(
        CategoryNode, cooperative=graphene.String(),
        level=graphene.Int(description="0 for top-level categories."))
    category = graphene.Field(CategoryNode, id=graphene.ID(), slug=graphene.String(),
                              cooperative=graphene.String())
    product_types = DjangoConnectionField(ProductTypeNode, cooperative=graphene.String())
    products = DjangoConnectionField(
        ProductNode, cooperative=graphene.String(), filter=ProductFilterInput(),
        sort_by=ProductSortInput(), search=graphene.String(
            description="What the shopper typed: words of the name, SKU, category, seller, "
                        "attributes and description, forgiving typos and regional spellings."))
    product = graphene.Field(ProductNode, id=graphene.ID(), slug=graphene.String(),
                             cooperative=graphene.String())
    sellers = DjangoConnectionField(SellerNode, cooperative=graphene.String(),
                                    status=SellerStatusEnum())
    seller = graphene.Field(SellerNode, id=graphene.ID(), slug=graphene.String(),
                            cooperative=graphene.String())

    @staticmethod
    def resolve_categories(root, info, cooperative=None, level=None, **kwargs):
        queryset = Category.objects.of(require_cooperative(info, cooperative)).order_by("path")
        return queryset if level is None else queryset.filter(depth=level + 1)

    @staticmethod
    def resolve_category(root, info, id=None, slug=None, cooperative=None):
        return _by_id_or_slug(info, CategoryNode, id, slug, cooperative)

    @staticmethod
    def resolve_product_types(root, info, cooperative=None, **kwargs):
        return ProductType.objects.of(require_cooperative(info, cooperative))

    @staticmethod
    def resolve_products(root, info, cooperative=None, filter=None, sort_by=None, search=None,
                         **kwargs):
        coop = require_cooperative(info, cooperative)
        filter = filter or {}
        seller = category = None
        if filter.get("seller"):
            seller = find_node(info, filter["seller"], SellerNode, field="seller",
                               cooperative=coop)
        if filter.get("category"):
            category = find_node(info, filter["category"], CategoryNode, field="category",
                                 cooperative=coop)
        if (filter.get("seller") and seller is None) or (filter.get("category")
                                                          and category is None):
            return Product.objects.none()  # a seller or category this shopper cannot see
        filters = ProductFilters(
            statuses=[enum_value(s) for s in filter.get("statuses") or []],
            seller=seller, category=category, price_min=filter.get("price_min"),
            price_max=filter.get("price_max"), halal=filter.get("halal"),
            in_stock=filter.get("in_stock"))
        result = product_search(
            coop, info.context.user, text=search or "", filters=filters,
            sort=enum_value(sort_by["field"]) if sort_by else None,
            descending=bool(sort_by) and enum_value(sort_by.get("direction")) == "desc",
            with_facets=selects(info, "facets"), window=ranked_window(info))
        remember_search(info, result)
        return result.queryset

    @staticmethod
    def resolve_product(root, info, id=None, slug=None, cooperative=None):
        return _by_id_or_slug(info, ProductNode, id, slug, cooperative)

    @staticmethod
    def resolve_sellers(root, info, cooperative=None, status=None, **kwargs):
        queryset = selectors.sellers_visible_to(
            info.context.user, Seller.objects.of(require_cooperative(info, cooperative)))
        return queryset if status is None else queryset.filter(status=enum_value(status))

    @staticmethod
    def resolve_seller(root, info, id=None, slug=None, cooperative=None):
        return _by_id_or_slug(info, SellerNode, id, slug, cooperative)

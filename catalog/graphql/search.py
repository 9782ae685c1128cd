"""Search in the API, its queries and their types: facets beside `products`,
`searchSuggestions`, and the cooperative's synonym list (catalog staff)."""

from types import SimpleNamespace

import graphene
from graphene import relay
from graphql_relay import to_global_id
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import CountableConnection
from backend.graphql.core.money import money_field
from backend.graphql.core.permissions import permission_required, require_cooperative
from backend.graphql.core.visibility import StaffOnly

from .. import search
from ..models import SearchSynonym


class FacetValue(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    count = graphene.Int(required=True)


class PriceRangeFacet(graphene.ObjectType):
    """Products with a variant priced from `min` to `max` (no `max`: and above); filter with
    priceMin and priceMax set to these amounts."""

    min = money_field("min")
    max = money_field("max", required=False)
    count = graphene.Int(required=True)


class ProductFacets(graphene.ObjectType):
    """Counts over all the products found, not just this page."""

    categories = graphene.List(graphene.NonNull(FacetValue), required=True)
    sellers = graphene.List(graphene.NonNull(FacetValue), required=True)
    price_ranges = graphene.List(graphene.NonNull(PriceRangeFacet), required=True)
    halal = graphene.Int(required=True, description="Products with a valid halal certificate.")
    in_stock = graphene.Int(required=True, description="Products shoppers can buy now.")

    @staticmethod
    def resolve_categories(root, info):
        return [{**row, "id": to_global_id("Category", row["id"])} for row in root["categories"]]

    @staticmethod
    def resolve_sellers(root, info):
        return [{**row, "id": to_global_id("Seller", row["id"])} for row in root["sellers"]]

    @staticmethod
    def resolve_price_ranges(root, info):
        return [SimpleNamespace(**row) for row in root["price_ranges"]]


def remember_search(info, result) -> None:
    """Keep the search of this `products` field for its `facets`."""
    info.context.__dict__.setdefault("_product_searches", {})[tuple(info.path.as_list())] = result


def _search_of(info):
    searches = info.context.__dict__.get("_product_searches", {})
    return searches.get(tuple(info.path.prev.as_list()))


def ranked_window(info) -> int:
    """How many of the best matches this page needs: through its end, and one more to know
    whether there is a next page (the whole window when paging backwards)."""
    from graphene.utils.str_converters import to_snake_case

    pages = getattr(info.context, "optimizer_pagination", {})
    args = pages.get(to_snake_case(info.field_name))
    if not args or args.get("last") or args.get("before") is not None or not args.get("first"):
        return search.WINDOW
    return min(search.WINDOW, (args.get("after") or 0) + args["first"] + 1)


def selects(info, name: str) -> bool:
    """Does the query ask for this field right under the current one? (Fragments count as
    no: facets are then counted in a pass of their own.)"""
    selection_set = info.field_nodes[0].selection_set
    return any(getattr(getattr(s, "name", None), "value", None) == name
               for s in (selection_set.selections if selection_set else []))


class ProductCountableConnection(CountableConnection):
    class Meta:
        abstract = True

    @staticmethod
    def resolve_total_count(root, info):
        result = _search_of(info)
        return result.total if result is not None and result.total is not None else root.length

    facets = graphene.Field(ProductFacets, description=(
        "Categories, sellers, price ranges, halal and in-stock counts of everything found "
        "(top-level `products` only)."))

    @staticmethod
    def resolve_facets(root, info):
        result = _search_of(info)
        return None if result is None else result.facets


SuggestionKind = graphene.Enum("SearchSuggestionKind", [("PRODUCT", "product"),
                                                        ("CATEGORY", "category")])


class SearchSuggestion(graphene.ObjectType):
    kind = graphene.Field(SuggestionKind, required=True)
    text = graphene.String(required=True)
    slug = graphene.String(required=True, description="The product's or category's slug.")
    id = graphene.ID(required=True)

    @staticmethod
    def resolve_kind(root, info):
        return root["kind"]

    @staticmethod
    def resolve_text(root, info):
        return root["name"]

    @staticmethod
    def resolve_id(root, info):
        return to_global_id("Product" if root["kind"] == "product" else "Category", root["pk"])


class SearchSynonymNode(StaffOnly, DjangoObjectType):
    class Meta:
        model = SearchSynonym
        name = "SearchSynonym"
        interfaces = (relay.Node,)
        fields = ("id", "terms", "created_at", "updated_at")


class SearchQueries(graphene.ObjectType):
    search_suggestions = graphene.List(
        graphene.NonNull(SearchSuggestion), required=True, query=graphene.String(required=True),
        cooperative=graphene.String(),
        first=graphene.Int(required=True, default_value=search.SUGGESTION_LIMIT),
        description="Type-ahead: categories and product names that start with what was typed.")
    search_synonyms = graphene.List(graphene.NonNull(SearchSynonymNode), required=True,
                                    cooperative=graphene.String())

    @staticmethod
    def resolve_search_suggestions(root, info, query, cooperative=None, first=8):
        return search.search_suggestions(require_cooperative(info, cooperative), query,
                                         limit=max(1, min(first, 20)))

    @staticmethod
    @permission_required(Permission.MANAGE_CATALOG)
    def resolve_search_synonyms(root, info, cooperative=None):
        return SearchSynonym.objects.of(require_cooperative(info, cooperative))

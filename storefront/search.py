"""The one place the storefront searches products: the catalog's search service (the same as
the API's `products(search:)` and `searchSuggestions`), whichever backend it runs on."""

from dataclasses import dataclass

from catalog.search import ProductFilters, product_search, search_suggestions

# page's sort -> (service sort, descending); "" lets the service choose: relevance when
# something was typed, else by name.
SORTS = {
    "": (None, False), "name": ("name", False), "price": ("price", False),
    "price-desc": ("price", True), "newest": ("newest", False),
    "best-selling": ("best_selling", False),
}


@dataclass(frozen=True)
class Filters:
    category: object = None  # a Category of the cooperative
    seller: object = None  # a Seller of the cooperative
    price_min: int | None = None
    price_max: int | None = None
    halal: bool | None = None
    in_stock: bool | None = None


def search_products(cooperative, query: str, filters: Filters, sort: str = "", *, user=None):
    """Products shoppers of `cooperative` may see that match `query` and `filters`, in the
    order asked for (best match first by default)."""
    field, descending = SORTS.get(sort, SORTS[""])
    result = product_search(cooperative, user, text=query or "", filters=ProductFilters(
        category=filters.category, seller=filters.seller, price_min=filters.price_min,
        price_max=filters.price_max, halal=filters.halal, in_stock=filters.in_stock),
        sort=field, descending=descending, with_facets=False)
    return result.queryset


def suggest_products(cooperative, query: str, limit: int = 8) -> list[str]:
    """Names for type-ahead: categories and products shoppers can see."""
    return [s["name"] for s in search_suggestions(cooperative, query or "", limit)][:limit]

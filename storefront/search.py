"""The one place the storefront searches products. Today it calls the catalog's search and
sort (catalog/selectors.py); the search service replaces it here and nowhere else."""

from dataclasses import dataclass

from catalog.selectors import product_list, product_search_and_sort

SORTS = {
    "name": ("name", False), "price": ("price", False), "price-desc": ("price", True),
    "newest": ("newest", False),
}


@dataclass(frozen=True)
class Filters:
    category: object = None  # a Category of the cooperative
    seller: object = None  # a Seller of the cooperative
    price_min: int | None = None
    price_max: int | None = None
    halal: bool | None = None
    in_stock: bool | None = None


def search_products(cooperative, query: str, filters: Filters, sort: str = "name", *,
                    user=None):
    """Products shoppers of `cooperative` may see that match `query` and `filters`, sorted."""
    queryset = product_list(cooperative, user, seller=filters.seller, category=filters.category,
                            price_min=filters.price_min, price_max=filters.price_max,
                            halal=filters.halal, in_stock=filters.in_stock)
    field, descending = SORTS.get(sort, SORTS["name"])
    return product_search_and_sort(queryset, search=query, sort=field, descending=descending)


def suggest_products(cooperative, query: str, limit: int = 8) -> list[str]:
    """Names for type-ahead."""
    if len((query or "").strip()) < 2:
        return []
    found = search_products(cooperative, query, Filters())
    return list(found.values_list("name", flat=True)[:limit])

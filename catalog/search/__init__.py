"""Product search: one service, two backends.

GraphQL, pages and tasks call the functions here, never a backend. The backend comes from
settings: PostgreSQL full-text search by default, Elasticsearch when ELASTICSEARCH_URL is
set. Staff listings (`statuses`) always search PostgreSQL: the search index holds only what
shoppers may see.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import transaction

from backend.celery import app

from .. import selectors
from . import postgres
from .text import ParsedQuery, parse, words_of

SORTS = ("relevance", "name", "price", "newest", "best_selling")
SUGGESTION_LIMIT = 8
WINDOW = 1000  # a ranked search pages through its best 1,000 (50 pages of 20)


@dataclass
class ProductFilters:
    category: object = None
    seller: object = None
    price_min: int | None = None
    price_max: int | None = None
    halal: bool | None = None
    in_stock: bool | None = None
    statuses: list[str] = field(default_factory=list)


def elasticsearch_enabled() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


@dataclass
class SearchResult:
    """The ordered products (a lazy queryset, paged by the caller), how many there are, and
    their facets. A ranked search reads its best WINDOW products; `total` counts all."""

    cooperative: object
    parsed: ParsedQuery
    queryset: object
    facet_queryset: object = None
    known_facets: dict | None = None
    total: int | None = None

    @cached_property
    def facets(self) -> dict:
        if self.known_facets is not None:
            return self.known_facets
        return postgres.facets(self.facet_queryset)


def _summary_key(cooperative, matching: str, filters: ProductFilters, shape: tuple) -> str:
    """The cache key of a summary: the tsqueries (words, synonyms and typo candidates as
    they are now), the filters, and what was asked for (facets, window)."""
    import hashlib

    parts = [matching, getattr(filters.category, "pk", None), getattr(filters.seller, "pk", None),
             filters.price_min, filters.price_max, filters.halal, filters.in_stock, shape]
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()
    return f"search:summary:{cooperative.pk}:{digest}"


def _ranked(cooperative, parsed, filters, queryset, with_facets: bool,
            window: int) -> SearchResult:
    """The shoppers' ranked search: one pass over the matches gives the best ids, the total
    and the facets, kept SEARCH_CACHE_SECONDS for the next shopper who types the same. The
    page is read again from the catalog: a product hidden since never shows, only counts
    may be that many seconds old."""
    from django.core.cache import cache

    queries = postgres.tsqueries(cooperative.pk, parsed)
    searched = postgres.search(queryset, cooperative.pk, parsed, queries)
    seconds = getattr(settings, "SEARCH_CACHE_SECONDS", 30)
    key = _summary_key(cooperative, repr(queries), filters, (with_facets, window))
    key = f"{key}:{catalog_generation(cooperative.pk)}" if seconds else key
    summary = cache.get(key) if seconds else None
    if summary is None:
        summary = postgres.summary(searched, window=window, with_facets=with_facets)
        if seconds:
            cache.set(key, summary, seconds)
    return SearchResult(cooperative, parsed, selectors.products_in_order(
        queryset, summary["ids"]), facet_queryset=searched, known_facets=summary["facets"],
        total=summary["total"])


def _filtered(cooperative, user, filters: ProductFilters):
    return selectors.product_list(
        cooperative, user, statuses=filters.statuses, seller=filters.seller,
        category=filters.category, price_min=filters.price_min, price_max=filters.price_max,
        halal=filters.halal, in_stock=filters.in_stock)


def product_search(cooperative, user, *, text: str = "", filters: ProductFilters | None = None,
                   sort: str | None = None, descending: bool = False,
                   with_facets: bool = True, window: int = 0) -> SearchResult:
    """Products of the cooperative the viewer may see, matching `text` (ranked by relevance
    unless another sort is asked for), narrowed by `filters`. `with_facets`: the caller
    will ask for facets (they are then counted in the same pass); `window`: how many of
    the best matches the caller pages through (at most WINDOW)."""
    filters = filters or ProductFilters()
    parsed = parse(cooperative.pk, text)
    sort = sort or ("relevance" if parsed else "name")
    if sort == "relevance" and not parsed:
        sort = "name"
    queryset = _filtered(cooperative, user, filters)
    if parsed and elasticsearch_enabled() and not filters.statuses:
        from . import elastic

        ids, facets = elastic.search(cooperative, parsed, filters)
        queryset = selectors.products_in_order(queryset, ids)
        if sort != "relevance":
            queryset = selectors.product_search_and_sort(queryset, sort=sort,
                                                         descending=descending)
        return SearchResult(cooperative, parsed, queryset, known_facets=facets,
                            total=facets["total"])
    if parsed and sort == "relevance" and not filters.statuses and not descending:
        return _ranked(cooperative, parsed, filters, queryset, with_facets,
                       min(window or WINDOW, WINDOW))
    if parsed:
        queryset = postgres.search(queryset, cooperative.pk, parsed)
    return SearchResult(cooperative, parsed, selectors.product_search_and_sort(
        queryset, sort=sort, descending=descending), facet_queryset=queryset)


def search_suggestions(cooperative, text: str, limit: int = SUGGESTION_LIMIT) -> list[dict]:
    """Type-ahead: categories and product names shoppers can see, as they type."""
    words = words_of(text)
    if not words:
        return []
    if elasticsearch_enabled():
        from . import elastic

        return elastic.suggest(cooperative, words, limit)
    visible = selectors.product_list(cooperative, None)
    return postgres.suggest(visible, cooperative.pk, words, limit)


# -- keeping the index fresh -----------------------------------------------------------------
def _generation_key(cooperative_id: int) -> str:
    return f"search:generation:{cooperative_id}"


def catalog_generation(cooperative_id: int) -> int:
    """Goes up whenever something shoppers could find changes: cached summaries of older
    generations are never read again (only stock counts may be a few seconds old)."""
    from django.core.cache import cache

    return cache.get_or_set(_generation_key(cooperative_id), 1, None)


def _catalog_changed(cooperative_ids) -> None:
    from django.core.cache import cache

    def bump():
        for cooperative_id in set(cooperative_ids):
            try:
                cache.incr(_generation_key(cooperative_id))
            except ValueError:
                cache.set(_generation_key(cooperative_id), 2, None)

    bump()
    transaction.on_commit(bump)  # and again once others can see the change



# Measured: refreshing one product's vector is one UPDATE of about a millisecond, so a
# product's own edits refresh it in the same transaction. Changes that touch many products
# (a seller or a category renamed) go to a Celery task after commit.
_gathering = threading.local()


@contextmanager
def products_changed_together(*, keep: bool = True):
    """Within it, products_changed only notes the ids; on leaving, they are refreshed in one
    statement (an import of thousands of rows), or forgotten (`keep` False: a check that is
    rolled back anyway)."""
    outer = getattr(_gathering, "ids", None)
    _gathering.ids = set() if outer is None else outer
    try:
        yield
    finally:
        ids, _gathering.ids = _gathering.ids, outer
    if outer is None and keep and ids:
        products_changed(sorted(ids))


def products_changed(product_ids) -> None:
    """These products' texts, variants or visibility changed."""
    product_ids = [pk for pk in product_ids if pk is not None]
    if not product_ids:
        return
    gathering = getattr(_gathering, "ids", None)
    if gathering is not None:
        gathering.update(product_ids)
        return
    _catalog_changed(postgres.index_products(product_ids))
    if elasticsearch_enabled():
        transaction.on_commit(lambda: app.send_task(
            "catalog.tasks.index_products_in_elasticsearch", args=[product_ids]))


def products_changed_later(product_ids) -> None:
    """Many products changed: refresh them in a Celery task after commit."""
    product_ids = list(product_ids)
    for start in range(0, len(product_ids), 2000):
        batch = product_ids[start:start + 2000]
        transaction.on_commit(lambda batch=batch: app.send_task(
            "catalog.tasks.reindex_products", args=[batch]))


def seller_changed(seller, *, texts: bool = True) -> None:
    """A seller's name (texts) or only what shoppers may see of it (status, permits)."""
    _catalog_changed([seller.cooperative_id])
    if texts or elasticsearch_enabled():
        products_changed_later(seller.products.values_list("pk", flat=True))


def category_changed(category) -> None:
    """Renamed, moved or about to be deleted: every product of its subtree."""
    from ..models import Category, Product

    _catalog_changed([category.cooperative_id])
    products_changed_later(Product.objects.filter(
        category__in=Category.objects.get_tree(category)).values_list("pk", flat=True))


def products_reindex(product_ids) -> None:
    """The Celery side of products_changed_later."""
    with transaction.atomic():
        products_changed(product_ids)


def elasticsearch_sync(product_ids) -> None:
    """Put these products' documents in Elasticsearch, or take out those shoppers may no
    longer see."""
    if elasticsearch_enabled():
        from . import elastic

        elastic.sync(product_ids)


def search_index_rebuild(cooperative, *, progress=None, batch_size: int = 2000) -> int:
    """Rebuild the cooperative's search index from scratch; returns the products indexed.
    `progress(n)` is called after each batch of n products."""
    from ..models import Product

    ids = list(Product.objects.of(cooperative).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        postgres.forget_words(cooperative.pk)
        for start in range(0, len(ids), batch_size):
            batch = ids[start:start + batch_size]
            postgres.index_products(batch)
            if progress and not elasticsearch_enabled():
                progress(len(batch))
    if elasticsearch_enabled():
        from . import elastic

        elastic.rebuild(cooperative, progress=progress)
    _catalog_changed([cooperative.pk])
    return len(ids)


__all__ = ["ProductFilters", "SORTS", "SearchResult", "product_search", "products_changed",
           "search_index_rebuild", "search_suggestions", "seller_changed", "category_changed",
           "products_changed_later", "products_reindex"]

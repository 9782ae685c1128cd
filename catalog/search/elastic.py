"""The Elasticsearch backend (elasticsearch-dsl): one index per cooperative behind an alias,
Indonesian analysis (stop words, stemmer, the cooperative's synonyms at search time), an
edge-n-gram field for suggestions, fuzziness for typos and aggregations for facets.

A full rebuild fills a new index and then moves the alias, so search never goes empty.
Product changes reach the index through Celery (catalog.tasks). Every answer is filtered
again by PostgreSQL (selectors.products_in_order): a stale document never shows a product
shoppers may no longer see.
"""

import time
from functools import lru_cache

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q
from elasticsearch.dsl import A, Boolean, Date, Integer, Keyword, Mapping, Search, Text, analyzer
from elasticsearch.dsl import Q as EQ
from elasticsearch.dsl.analysis import token_filter

from ..models import Category, Product, Seller
from .postgres import PRICE_BUCKETS
from .text import ParsedQuery, normalize, synonym_map

# A search reads at most this many ids; deeper pages than 50 of 20 are not offered.
WINDOW = 1000
INDEX_PREFIX = "coopmart-products"


@lru_cache(maxsize=1)
def client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)


def alias_for(cooperative_id: int) -> str:
    return f"{INDEX_PREFIX}-{cooperative_id}"


# -- mapping and analysis ---------------------------------------------------------------------
def synonym_lines(cooperative_id: int) -> list[str]:
    """The cooperative's synonym groups in Solr format: "kerupuk, krupuk"."""
    groups, seen = [], set()
    for word, others in synonym_map(cooperative_id).items():
        group = tuple(sorted({word, *others}))
        if group not in seen:
            seen.add(group)
            groups.append(", ".join(group))
    return groups


def analyzers(cooperative_id: int) -> dict:
    stop = token_filter("indonesian_stop", "stop", stopwords="_indonesian_")
    stemmer = token_filter("indonesian_stemmer", "stemmer", language="indonesian")
    synonyms = token_filter("coop_synonyms", "synonym_graph", lenient=True,
                            synonyms=synonym_lines(cooperative_id) or ["koperasi, kopkar"])
    edge = token_filter("suggest_edge_ngram", "edge_ngram", min_gram=1, max_gram=20)
    return {
        "text": analyzer("indonesian_text", tokenizer="standard",
                         filter=["lowercase", "asciifolding", stop, stemmer]),
        "search": analyzer("indonesian_search", tokenizer="standard",
                           filter=["lowercase", "asciifolding", synonyms, stop, stemmer]),
        "suggest": analyzer("suggest_index", tokenizer="standard",
                            filter=["lowercase", "asciifolding", edge]),
        "suggest_search": analyzer("suggest_search", tokenizer="standard",
                                   filter=["lowercase", "asciifolding"]),
    }


def mapping(cooperative_id: int) -> Mapping:
    a = analyzers(cooperative_id)

    def text(**kwargs):
        return Text(analyzer=a["text"], search_analyzer=a["search"], **kwargs)

    m = Mapping()
    m.field("name", text(fields={"suggest": Text(analyzer=a["suggest"],
                                                 search_analyzer=a["suggest_search"]),
                                 "raw": Keyword()}))
    m.field("skus", text(fields={"raw": Keyword()}))
    m.field("category_text", text())
    m.field("seller_text", text())
    m.field("attributes_text", text())
    m.field("description", text())
    m.field("category_id", Keyword())
    m.field("category_ids", Keyword())
    m.field("seller_id", Keyword())
    m.field("prices", Integer())
    m.field("price_min", Integer())
    m.field("halal", Boolean())
    m.field("in_stock", Boolean())
    m.field("units_sold", Integer())
    m.field("created_at", Date())
    return m


def index_body(cooperative_id: int) -> dict:
    """Settings and mappings of a new index."""
    m = mapping(cooperative_id)
    return {"settings": {"number_of_shards": 1, "analysis": m._collect_analysis(),
                         "max_result_window": WINDOW}, "mappings": m.to_dict()}


# -- documents ------------------------------------------------------------------------------
def _documents_queryset(product_ids=None, cooperative=None):
    from inventory.selectors import free_units_of_products

    from ..selectors import SHOPPER_VISIBLE, halal_now, units_sold_of_products

    queryset = Product.objects.filter(SHOPPER_VISIBLE)
    if cooperative is not None:
        queryset = queryset.filter(cooperative=cooperative)
    if product_ids is not None:
        queryset = queryset.filter(pk__in=product_ids)
    return queryset.select_related("seller", "category").prefetch_related("variants").annotate(
        halal_valid=ExpressionWrapper(Q(halal_now()), output_field=BooleanField()),
        free_units=free_units_of_products(), units_sold=units_sold_of_products()).order_by("pk")


def _ancestors(category: Category | None, cache: dict) -> list[Category]:
    if category is None:
        return []
    if category.pk not in cache:
        cache[category.pk] = list(Category.objects.get_ancestors(category)) + [category]
    return cache[category.pk]


def document(product: Product, ancestors: dict) -> dict:
    variants = list(product.variants.all())
    categories = _ancestors(product.category, ancestors)
    attributes = [str(v) for v in (product.attributes or {}).values()]
    for variant in variants:
        attributes += [variant.name, *[str(v) for v in (variant.attributes or {}).values()]]
    prices = [v.price for v in variants]
    return {
        "_id": product.pk,
        "name": product.name,
        "skus": " ".join(v.sku for v in variants),
        "category_text": " ".join(c.name for c in categories),
        "seller_text": product.seller.business_name,
        "attributes_text": " ".join(a for a in attributes if a),
        "description": _strip_tags(product.description),
        "category_id": product.category_id,
        "category_ids": [c.pk for c in categories],
        "seller_id": product.seller_id,
        "prices": prices,
        "price_min": min(prices) if prices else None,
        "halal": bool(product.halal_valid),
        "in_stock": (product.free_units or 0) > 0,
        "units_sold": product.units_sold or 0,
        "created_at": product.created_at.isoformat(),
    }


def _strip_tags(html: str) -> str:
    import re

    return re.sub(r"<[^>]*>", " ", html or "")


def documents(cooperative=None, product_ids=None, batch_size: int = 2000):
    ancestors: dict = {}
    queryset = _documents_queryset(product_ids, cooperative)
    yield from (document(p, ancestors) for p in queryset.iterator(chunk_size=batch_size))


# -- search -----------------------------------------------------------------------------------
TEXT_FIELDS = ["name^3", "skus^3", "category_text^2", "seller_text^2", "attributes_text^2",
               "description"]


def build_search(cooperative_id: int, parsed: ParsedQuery, filters) -> Search:
    """The request for a shopper's search: every word must match some field (a word may be
    one or two letters off: fuzziness AUTO), the words together in the name rank first."""
    text = " ".join(parsed.words)
    search = Search(index=alias_for(cooperative_id)).extra(
        size=WINDOW, track_total_hits=True, _source=False)
    search = search.query(EQ("bool", must=[EQ(
        "multi_match", query=text, fields=TEXT_FIELDS, fuzziness="AUTO", prefix_length=1,
        operator="and")], should=[
        EQ("match_phrase", name={"query": text, "boost": 2}),
        EQ("multi_match", query=text, fields=TEXT_FIELDS, boost=2)]))
    for clause in filter_clauses(filters):
        search = search.filter(clause)
    search.aggs.bucket("categories", A("terms", field="category_id", size=50))
    search.aggs.bucket("sellers", A("terms", field="seller_id", size=50))
    search.aggs.bucket("price_ranges", A("range", field="prices", ranges=[
        {"from": low, **({"to": high + 1} if high is not None else {})}
        for low, high in PRICE_BUCKETS]))
    search.aggs.bucket("halal", A("filter", term={"halal": True}))
    search.aggs.bucket("in_stock", A("filter", term={"in_stock": True}))
    return search


def filter_clauses(filters) -> list:
    clauses = []
    if filters.category is not None:
        clauses.append(EQ("term", category_ids=filters.category.pk))
    if filters.seller is not None:
        clauses.append(EQ("term", seller_id=filters.seller.pk))
    if filters.price_min is not None or filters.price_max is not None:
        bounds = {}
        if filters.price_min is not None:
            bounds["gte"] = filters.price_min
        if filters.price_max is not None:
            bounds["lte"] = filters.price_max
        clauses.append(EQ("range", prices=bounds))
    if filters.halal is not None:
        clauses.append(EQ("term", halal=filters.halal))
    if filters.in_stock is not None:
        clauses.append(EQ("term", in_stock=filters.in_stock))
    return clauses


def facets_from(aggregations: dict, total: int) -> dict:
    """The facets of the API from an Elasticsearch answer's aggregations."""
    def counts(name):
        return {int(b["key"]): b["doc_count"] for b in aggregations[name]["buckets"]}

    category_counts, seller_counts = counts("categories"), counts("sellers")
    categories = {c["pk"]: c for c in Category.objects.filter(pk__in=category_counts).values(
        "pk", "name", "slug")}
    sellers = {s["pk"]: s for s in Seller.objects.filter(pk__in=seller_counts).values(
        "pk", "business_name", "slug")}
    price_buckets = aggregations["price_ranges"]["buckets"]
    return {
        "categories": [{"id": pk, "name": categories[pk]["name"],
                        "slug": categories[pk]["slug"], "count": n}
                       for pk, n in category_counts.items() if pk in categories],
        "sellers": [{"id": pk, "name": sellers[pk]["business_name"], "slug": sellers[pk]["slug"],
                     "count": n} for pk, n in seller_counts.items() if pk in sellers],
        "price_ranges": [{"min": low, "max": high, "count": bucket["doc_count"]}
                         for (low, high), bucket in zip(PRICE_BUCKETS, price_buckets,
                                                        strict=True)],
        "halal": aggregations["halal"]["doc_count"],
        "in_stock": aggregations["in_stock"]["doc_count"],
        "total": total,
    }


def search(cooperative, parsed: ParsedQuery, filters) -> tuple[list[int], dict]:
    response = build_search(cooperative.pk, parsed, filters).using(client()).execute()
    ids = [int(hit.meta.id) for hit in response.hits]
    return ids, facets_from(response.aggregations.to_dict(), response.hits.total.value)


def build_suggest(cooperative_id: int, words: list[str], limit: int) -> Search:
    text = " ".join(words)
    return Search(index=alias_for(cooperative_id)).extra(size=limit, _source=["name"]).query(
        EQ("bool", must=[EQ("match", **{"name.suggest": {"query": text, "operator": "and"}})],
           should=[EQ("match_phrase_prefix", name={"query": text, "boost": 2})]))


def suggest(cooperative, words: list[str], limit: int) -> list[dict]:
    from .postgres import category_suggestions

    response = build_suggest(cooperative.pk, words, limit).using(client()).execute()
    ids = [int(hit.meta.id) for hit in response.hits]
    by_pk = {p["pk"]: p for p in Product.objects.filter(pk__in=ids).filter(
        cooperative=cooperative).values("pk", "name", "slug")}
    return (category_suggestions(cooperative.pk, words, limit)
            + [{"kind": "product", **by_pk[pk]} for pk in ids if pk in by_pk])


# -- indexing ---------------------------------------------------------------------------------
def _actions(index: str, docs):
    for doc in docs:
        yield {"_index": index, **doc}


def rebuild(cooperative, *, progress=None) -> str:
    """A new index with every product shoppers see, then the alias moves to it and the old
    index goes."""
    from elasticsearch.helpers import streaming_bulk

    es = client()
    alias = alias_for(cooperative.pk)
    index = f"{alias}-{int(time.time() * 1000)}"
    es.indices.create(index=index, **index_body(cooperative.pk))
    for ok, _item in streaming_bulk(es, _actions(index, documents(cooperative)),
                                    chunk_size=1000, raise_on_error=True):
        if progress and ok:
            progress(1)
    es.indices.refresh(index=index)
    old = list(es.indices.get_alias(name=alias, ignore_unavailable=True).keys()) if (
        es.indices.exists_alias(name=alias)) else []
    es.indices.update_aliases(actions=[
        *[{"remove": {"index": name, "alias": alias}} for name in old],
        {"add": {"index": index, "alias": alias}}])
    for name in old:
        es.indices.delete(index=name, ignore_unavailable=True)
    return index


def sync(product_ids) -> None:
    """Index these products again; those shoppers may no longer see leave the index."""
    from elasticsearch.helpers import bulk

    product_ids = list(product_ids)
    rows = Product.objects.filter(pk__in=product_ids).values_list("pk", "cooperative_id")
    cooperative_of = dict(rows)
    docs = {d["_id"]: d for d in documents(product_ids=product_ids)}
    actions = []
    for pk in product_ids:
        coop_id = cooperative_of.get(pk)
        if pk in docs:
            actions.append({"_index": alias_for(coop_id), **docs[pk]})
        elif coop_id is not None:
            actions.append({"_op_type": "delete", "_index": alias_for(coop_id), "_id": pk})
    if actions:
        bulk(client(), actions, raise_on_error=False)


__all__ = ["build_search", "build_suggest", "index_body", "normalize", "rebuild", "search",
           "suggest", "sync"]

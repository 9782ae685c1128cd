"""The Elasticsearch backend. No Elasticsearch server can run here: these tests check the
index settings, mappings, documents and requests the backend builds, and how it reads an
answer of the shape Elasticsearch returns. The last test runs against a real server when
ELASTICSEARCH_URL is set (the docker-compose stack has one)."""

import os

import pytest

from catalog.models import SearchSynonym
from catalog.search import ProductFilters, elastic, product_search, search_suggestions
from catalog.search.text import forget_synonyms, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def synonyms(coop_a):
    SearchSynonym.objects.create(cooperative=coop_a, terms=["kerupuk", "krupuk"])
    SearchSynonym.objects.create(cooperative=coop_a, terms=["hp", "handphone", "ponsel"])
    forget_synonyms(coop_a.pk)


def test_index_has_indonesian_analysis_synonyms_and_a_suggest_field(coop_a, synonyms):
    body = elastic.index_body(coop_a.pk)
    analysis = body["settings"]["analysis"]
    filters = analysis["filter"]
    assert filters["indonesian_stemmer"] == {"type": "stemmer", "language": "indonesian"}
    assert filters["indonesian_stop"] == {"type": "stop", "stopwords": "_indonesian_"}
    assert filters["coop_synonyms"]["type"] == "synonym_graph"
    assert sorted(filters["coop_synonyms"]["synonyms"]) == ["handphone, hp, ponsel",
                                                            "kerupuk, krupuk"]
    assert filters["suggest_edge_ngram"] == {"type": "edge_ngram", "min_gram": 1,
                                             "max_gram": 20}
    # synonyms at search time only: changing them needs no new documents
    assert "coop_synonyms" not in analysis["analyzer"]["indonesian_text"]["filter"]
    assert analysis["analyzer"]["indonesian_search"]["filter"] == [
        "lowercase", "asciifolding", "coop_synonyms", "indonesian_stop", "indonesian_stemmer"]
    properties = body["mappings"]["properties"]
    assert properties["name"]["analyzer"] == "indonesian_text"
    assert properties["name"]["search_analyzer"] == "indonesian_search"
    assert properties["name"]["fields"]["suggest"] == {
        "type": "text", "analyzer": "suggest_index", "search_analyzer": "suggest_search"}
    assert properties["prices"] == {"type": "integer"}
    assert properties["category_ids"] == {"type": "keyword"}


def test_search_request_is_fuzzy_filtered_and_aggregated(coop_a, published, category_a,
                                                         seller):
    filters = ProductFilters(category=category_a, seller=seller, price_min=10000,
                             price_max=50000, halal=True, in_stock=True)
    body = elastic.build_search(coop_a.pk, parse(coop_a.pk, "Kripik  pedäs"), filters).to_dict()
    must = body["query"]["bool"]["must"][0]["multi_match"]
    assert must["query"] == "kripik pedas" and must["fuzziness"] == "AUTO"
    assert must["operator"] == "and" and "name^3" in must["fields"]
    assert {"term": {"category_ids": category_a.pk}} in body["query"]["bool"]["filter"]
    assert {"range": {"prices": {"gte": 10000, "lte": 50000}}} in body["query"]["bool"]["filter"]
    assert {"term": {"halal": True}} in body["query"]["bool"]["filter"]
    assert {"term": {"in_stock": True}} in body["query"]["bool"]["filter"]
    assert body["aggs"]["price_ranges"]["range"]["ranges"][0] == {"from": 0, "to": 10000}
    assert body["aggs"]["price_ranges"]["range"]["ranges"][-1] == {"from": 250000}
    assert set(body["aggs"]) == {"categories", "sellers", "price_ranges", "halal", "in_stock"}
    assert body["size"] == elastic.WINDOW and body["_source"] is False
    suggest = elastic.build_suggest(coop_a.pk, ["kerip"], 8).to_dict()
    assert suggest["query"]["bool"]["must"][0] == {
        "match": {"name.suggest": {"query": "kerip", "operator": "and"}}}


def test_documents_hold_what_shoppers_see(coop_a, published, seller, category_a):
    from catalog.models import Product
    from catalog.services import categories, products

    child = categories.category_create(coop_a, name="Emping", parent=category_a)
    Product.objects.filter(pk=published.pk).update(category=child)
    hidden = products.product_create(seller, {"name": "Draf"}, [{"sku": "D-1", "price": 5}])
    docs = {d["_id"]: d for d in elastic.documents(cooperative=coop_a)}
    assert set(docs) == {published.pk} and hidden.pk not in docs
    doc = docs[published.pk]
    assert doc["name"] == "Emping Melinjo Original" and doc["skus"] == "EMP-250"
    assert doc["category_ids"] == [category_a.pk, child.pk]
    assert doc["category_text"] == "Makanan Ringan Emping"
    assert doc["prices"] == [25000] and doc["halal"] is True and doc["in_stock"] is False
    assert doc["description"].strip() == "Renyah"


def test_an_answer_becomes_facets(coop_a, published, seller, category_a):
    # The shape of an Elasticsearch 8 aggregation answer (no server here).
    aggregations = {
        "categories": {"buckets": [{"key": str(category_a.pk), "doc_count": 3}]},
        "sellers": {"buckets": [{"key": str(seller.pk), "doc_count": 3}]},
        "price_ranges": {"buckets": [{"key": k, "doc_count": n} for k, n in zip(
            "abcdef", [0, 1, 2, 0, 0, 0], strict=True)]},
        "halal": {"doc_count": 2}, "in_stock": {"doc_count": 1}}
    facets = elastic.facets_from(aggregations, 3)
    assert facets["categories"] == [{"id": category_a.pk, "name": "Makanan Ringan",
                                     "slug": category_a.slug, "count": 3}]
    assert facets["sellers"][0]["name"] == "Emping Bu Yati"
    assert [p["count"] for p in facets["price_ranges"]] == [0, 1, 2, 0, 0, 0]
    assert facets["price_ranges"][1] == {"min": 10000, "max": 24999, "count": 1}
    assert (facets["halal"], facets["in_stock"]) == (2, 1)


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"),
                    reason="needs an Elasticsearch server: set ELASTICSEARCH_URL")
def test_against_a_real_elasticsearch(settings, coop_a, published, synonyms, coop_b):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    elastic.client.cache_clear()
    elastic.rebuild(coop_a)
    found = product_search(coop_a, None, text="empng melinjo")
    assert list(found.queryset.values_list("slug", flat=True)) == ["emping-melinjo-original"]
    assert found.facets["categories"][0]["count"] == 1
    assert [s["name"] for s in search_suggestions(coop_a, "empi")] == [
        "Emping Melinjo Original"]
    elastic.rebuild(coop_b)
    assert list(product_search(coop_b, None, text="emping").queryset) == []
    first = elastic.rebuild(coop_a)
    assert elastic.client().indices.get_alias(name=elastic.alias_for(coop_a.pk)).keys() == {
        first}

"""Search quality on the demo catalog: recall@10 and nDCG@10 of the labelled queries, through
the search service (the PostgreSQL backend). Fails below recall@10 0.9."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from backend.cooperatives.models import Cooperative
from catalog.search import product_search
from tests.conftest import kept_for_module

from .quality import FIRST, QUERIES, ndcg_at, recall_at

pytestmark = pytest.mark.django_db
TARGET_RECALL = 0.9


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with kept_for_module(django_db_blocker), override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        call_command("populatedb")
        yield Cooperative.objects.get(slug="kopmart-serang")


def test_labelled_queries_find_what_shoppers_mean(demo):
    assert len(QUERIES) >= 50
    recalls, ndcgs, misses = [], [], {}
    for query, relevant in QUERIES.items():
        found = list(product_search(demo, None, text=query).queryset.values_list(
            "slug", flat=True)[:10])
        recalls.append(recall_at(found, relevant))
        ndcgs.append(ndcg_at(found, relevant))
        if recalls[-1] < 1:
            misses[query] = sorted(relevant - set(found))
    recall, ndcg = sum(recalls) / len(recalls), sum(ndcgs) / len(ndcgs)
    print(f"\nrecall@10 {recall:.3f}  nDCG@10 {ndcg:.3f}  over {len(QUERIES)} queries")
    for query, missing in misses.items():
        print(f"  {query!r} missed {missing}")
    assert recall >= TARGET_RECALL, misses
    assert ndcg >= 0.8


def test_a_product_matching_every_word_ranks_first(demo):
    first = {query: product_search(demo, None, text=query).queryset.values_list(
        "slug", flat=True)[:3] for query in FIRST}
    assert {q: list(found)[0] for q, found in first.items()} == FIRST, first

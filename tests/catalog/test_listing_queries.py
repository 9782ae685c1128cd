"""The storefront listing costs the same number of SQL queries whatever its page size."""

import pytest
from django.core.management import call_command

from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

LISTING = """query($n: Int!) { products(cooperative: "kopmart-serang", first: $n) {
  totalCount edges { node { name slug thumbnail(size: 256) category { name }
  seller { businessName } priceRange { start { amount formatted } } variants { sku } } } } }"""


@pytest.fixture
def big_catalog(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("populatedb", "--size", "120")


def test_products_listing_has_a_constant_query_count(big_catalog, django_assert_num_queries):
    shopper = GraphQLClient()
    # cooperative, count, the page (category and seller joined, price range as subqueries),
    # photos, variants
    with django_assert_num_queries(5):
        small = shopper(LISTING, {"n": 5})
    with django_assert_num_queries(5):
        large = shopper(LISTING, {"n": 100})
    assert len(small["products"]["edges"]) == 5
    assert len(large["products"]["edges"]) == 100
    node = large["products"]["edges"][0]["node"]
    assert node["priceRange"]["start"]["formatted"].startswith("Rp")
    assert node["thumbnail"].endswith(".webp")

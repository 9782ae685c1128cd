"""Units available: the product page and the API read one selector, per size and store."""

import re

import pytest
from graphql_relay import to_global_id

from catalog.services import products
from inventory.services import stock_receive
from tests.conftest import GraphQLClient, make_staff

pytestmark = pytest.mark.django_db

A = "/k/koperasi-a"


def test_product_page_shows_units_per_size_as_the_api_does(client, emping, store_a, coop_a):
    """The bug: the page summed the sizes of a store ("85 left" here, for 10 + 75)."""
    small = emping.variants.get()
    large = products.variant_create(emping, {"sku": "EMP-500", "name": "500 g",
                                             "price": 45000, "weight_grams": 500})
    stock_receive(large, store_a, 75)
    from django.test import Client

    Client().post(f"{A}/keranjang/tambah/", {"variant": large.pk, "quantity": 5})  # held
    page = client.get(f"{A}/produk/{emping.slug}/").content.decode()
    where = re.search(r"<li>Kopmart Cipare:(.*?)</li>", page, re.S).group(1)
    assert "85 tersisa" not in where and "80 tersisa" not in where
    assert "10 tersisa" in where and "500 g: 70 tersisa" in where
    gql = GraphQLClient().login(make_staff(coop_a))
    stocks = gql("""query($l: ID!) { stocks(first: 10, cooperative: "koperasi-a",
        location: $l) { edges { node { variant { sku } available } } } }""",
                 {"l": to_global_id("Location", store_a.pk)})["stocks"]["edges"]
    assert sorted((e["node"]["variant"]["sku"], e["node"]["available"]) for e in stocks) == [
        ("EMP-250", 10), ("EMP-500", 70)]
    assert small.sku == "EMP-250"

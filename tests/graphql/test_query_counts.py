"""Listings and mutation payloads cost the same number of SQL queries whatever their size:
orders (staff and shopper), the member register, stock, and a mutation's payload."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from backend.accounts.permissions import Role
from catalog.models import Product, ProductStatus
from catalog.services import products
from members.models import Member
from orders.models import Order
from tests.conftest import GraphQLClient, make_staff, make_user
from tests.graphql.builders import place_order, stocked_store

pytestmark = pytest.mark.django_db

ORDERS = """query($n: Int!) { orders(cooperative: "koperasi-a", first: $n) { totalCount
  edges { node { number status paymentStatus paymentMethod total { amount formatted }
  bankTransferInstructions pickupLocation { name } lines { sku quantity lineTotal { amount } }
  refunds { amount { amount } } } } } }"""
MY_ORDERS = """query($n: Int!) { myOrders(first: $n) { edges { node { number paymentStatus
  lines { sku } } } } }"""
MEMBERS = """query($n: Int!) { members(cooperative: "koperasi-a", first: $n) { totalCount
  edges { node { memberNumber fullName nik status savingsPokok { formatted }
  linkedAccount { email } } } } }"""
STOCKS = """query($n: Int!) { stocks(cooperative: "koperasi-a", first: $n) { totalCount
  edges { node { onHand allocated available location { name } variant { sku } } } } }"""


class Counted(int):
    """A query count that shows its SQL when an assertion about it fails."""

    sql: list[str]

    def __repr__(self):
        return f"{int(self)} queries:\n" + "\n".join(self.sql)


def _count(client: GraphQLClient, query: str, variables: dict) -> tuple[Counted, dict]:
    with CaptureQueriesContext(connection) as queries:
        data = client(query, variables)
    counted = Counted(len(queries))
    counted.sql = [q["sql"][:300] for q in queries.captured_queries]
    return counted, data


@pytest.fixture
def variants(coop_a, seller):
    product = products.product_create(
        seller, {"name": "Keripik Pisang"},
        [{"sku": f"KRP-{i}", "price": 10000 + i, "weight_grams": 100} for i in range(12)])
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.PUBLISHED)
    found = list(product.variants.order_by("pk"))
    stocked_store(coop_a, found)
    return found


@pytest.fixture
def shopper(db):
    return make_user(email="pembeli@example.test")


@pytest.fixture
def orders(coop_a, variants, shopper):
    for index, variant in enumerate(variants):
        place_order(coop_a, {variant: 1, variants[index - 1]: 2}, shopper)
    assert Order.objects.count() == 12


def test_orders_listing_has_a_constant_query_count(coop_a, orders):
    staff = GraphQLClient().login(make_staff(coop_a, Role.MANAGER))
    small, page = _count(staff, ORDERS, {"n": 2})
    large, full = _count(staff, ORDERS, {"n": 12})
    assert len(full["orders"]["edges"]) == 12
    assert full["orders"]["edges"][0]["node"]["lines"]
    # user, staff roles, cooperative, count, the page (payment status as a subquery,
    # cooperative and store joined), lines, refunds
    assert small == large == 7


def test_my_orders_has_a_constant_query_count(orders, shopper):
    client = GraphQLClient().login(shopper)
    small, _page = _count(client, MY_ORDERS, {"n": 2})
    large, full = _count(client, MY_ORDERS, {"n": 12})
    assert len(full["myOrders"]["edges"]) == 12
    # user, the request's cooperative (by host), count, the page, lines
    assert small == large == 5


def test_member_register_has_a_constant_query_count(coop_a):
    for number in range(30):
        Member.objects.create(cooperative=coop_a, member_number=f"A-{number:03}",
                              full_name=f"Anggota {number}", nik_last4="1234",
                              user=make_user(email=f"a{number}@example.test")
                              if number % 3 == 0 else None)
    manager = GraphQLClient().login(make_staff(coop_a, Role.MANAGER))
    small, _page = _count(manager, MEMBERS, {"n": 3})
    large, full = _count(manager, MEMBERS, {"n": 30})
    assert len(full["members"]["edges"]) == 30
    assert small == large == 5


def test_stock_listing_has_a_constant_query_count(coop_a, variants):
    manager = GraphQLClient().login(make_staff(coop_a, Role.MANAGER))
    small, _page = _count(manager, STOCKS, {"n": 2})
    large, full = _count(manager, STOCKS, {"n": 12})
    assert len(full["stocks"]["edges"]) == 12
    assert small == large == 5


def _payload_counts(client, query: str, mutation: str, ids: list[str]) -> list[Counted]:
    counts = []
    for global_id in ids:
        count, data = _count(client, query, {"id": global_id})
        assert data[mutation]["errors"] == []
        counts.append(count)
    return counts


def test_an_order_payload_costs_the_same_for_one_or_twelve_lines(coop_a, variants):
    # Marking paid writes per line (payout entries), so the payload's own cost is what the
    # full selection costs beyond a bare one, on orders alike.
    one_line = [place_order(coop_a, {variants[0]: 1}) for _ in range(2)]
    twelve_lines = [place_order(coop_a, dict.fromkeys(variants, 1)) for _ in range(2)]
    cashier = GraphQLClient().login(make_staff(coop_a, Role.CASHIER))
    full = """mutation($id: ID!) { orderMarkAsPaid(id: $id) { order { number status
      paymentStatus bankTransferInstructions lines { sku quantity } refunds { reason } }
      errors { code } } }"""
    bare = "mutation($id: ID!) { orderMarkAsPaid(id: $id) { errors { code } } }"
    payload_costs = []
    for with_payload, without in (one_line, twelve_lines):
        [cost] = _payload_counts(cashier, full, "orderMarkAsPaid",
                                 [to_global_id("Order", with_payload.pk)])
        [base] = _payload_counts(cashier, bare, "orderMarkAsPaid",
                                 [to_global_id("Order", without.pk)])
        payload_costs.append(cost - base)
    # its payment status, lines, refunds
    assert payload_costs == [3, 3]


def test_a_product_payload_costs_the_same_for_one_or_twelve_variants(seller, variants):
    one = products.product_create(seller, {"name": "Kerupuk Udang"},
                                  [{"sku": "KRU-1", "price": 5000, "weight_grams": 100}])
    Product.objects.filter(pk=one.pk).update(status=ProductStatus.PUBLISHED)
    owner = GraphQLClient().login(seller.owner)
    query = """mutation($id: ID!) { productUpdate(id: $id, input: {description: "<p>Baru</p>"})
      { product { name inStock thumbnail pricing { price { amount } }
        variants { sku quantityAvailable pricing { price { formatted } isMemberPrice } } }
        errors { code } } }"""
    few, many = _payload_counts(owner, query, "productUpdate", [
        to_global_id("Product", product.pk) for product in (one, variants[0].product)])
    assert few == many

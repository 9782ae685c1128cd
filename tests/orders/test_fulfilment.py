"""Each seller sees and prepares only its own lines; the order is ready when all are."""

import pytest
from graphql_relay import to_global_id

from catalog.services.products import product_create
from inventory.models import Location
from inventory.services import stock_receive
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from tests.conftest import GraphQLClient, make_staff

pytestmark = pytest.mark.django_db

LINES = """query($seller: ID!) { sellerOrderLines(seller: $seller) { id orderNumber sku
  quantity pickupStore fulfilment } }"""
FULFIL = """mutation($ids: [ID!]!, $status: LineFulfilmentEnum!) { orderLinesFulfill(ids: $ids,
  status: $status) { order { status } errors { field code } } }"""


@pytest.fixture
def two_seller_order(coop_a, seller, other_seller, published):
    store = Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="c")
    keripik = product_create(other_seller, {"name": "Keripik Pedas"},
                             [{"sku": "KRP-1", "price": 8000}])
    keripik.status = "published"
    keripik.save()
    ours, theirs = published.variants.get(), keripik.variants.get()
    stock_receive(ours, store, 5)
    stock_receive(theirs, store, 5)
    checkout = checkout_create(coop_a, email="pembeli@example.test")
    checkout_lines_set(checkout, {ours.pk: 1, theirs.pk: 2})
    return checkout_complete(checkout)


def test_each_seller_sees_only_its_lines_without_the_shoppers_details(
        gql, seller, other_seller, two_seller_order):
    mine = gql.login(seller.owner)(LINES, {"seller": to_global_id("Seller", seller.pk)})
    assert [(line["sku"], line["quantity"], line["pickupStore"])
            for line in mine["sellerOrderLines"]] == [("EMP-250", 1, "Kopmart Cipare")]
    peek = gql.post(LINES, {"seller": to_global_id("Seller", other_seller.pk)})
    assert peek["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    theirs = GraphQLClient().login(other_seller.owner)(
        LINES, {"seller": to_global_id("Seller", other_seller.pk)})["sellerOrderLines"]
    attempt = gql.post(FULFIL, {"ids": [theirs[0]["id"]], "status": "READY"})
    # another seller's lines are answered like lines that do not exist
    assert [e["code"] for e in attempt["data"]["orderLinesFulfill"]["errors"]] == ["NOT_FOUND"]


def test_the_order_is_ready_when_every_seller_is(gql, coop_a, seller, other_seller,
                                                 two_seller_order):
    from orders.services.lifecycle import order_mark_paid

    order_mark_paid(two_seller_order, make_staff(coop_a, "cashier"))
    ids = {}
    for owner, shop in ((seller.owner, seller), (other_seller.owner, other_seller)):
        lines = GraphQLClient().login(owner)(LINES, {"seller": to_global_id("Seller", shop.pk)})
        ids[shop.pk] = (owner, [line["id"] for line in lines["sellerOrderLines"]])
    owner, first = ids[seller.pk]
    done = GraphQLClient().login(owner)(FULFIL, {"ids": first, "status": "READY"})
    assert done["orderLinesFulfill"]["order"]["status"] == "PROCESSING"  # being prepared
    owner, second = ids[other_seller.pk]
    done = GraphQLClient().login(owner)(FULFIL, {"ids": second, "status": "READY"})
    assert done["orderLinesFulfill"]["order"]["status"] == "READY_FOR_PICKUP"
    two_seller_order.refresh_from_db()
    assert two_seller_order.ready_at is not None
    assert [e.kind for e in two_seller_order.events.all()][-1] == "ready"

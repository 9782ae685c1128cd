"""The checkout flow through the API, as a storefront drives it."""

import pytest
from graphql_relay import to_global_id

from inventory.models import Location
from inventory.services import stock_receive
from orders.models import OrderLine
from tests.conftest import GraphQLClient, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(coop_a):
    return Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")


def test_signed_in_shopper_buys_and_collects_at_the_store(gql, coop_a, published, store,
                                                          manager_b):
    variant = published.variants.get()
    stock_receive(variant, store, 4)
    shopper = make_user(email="pembeli@example.test", phone="+6281255556666")
    gql.login(shopper)
    token = gql('mutation { checkoutCreate(cooperative: "koperasi-a") { checkout { token } } }'
                )["checkoutCreate"]["checkout"]["token"]
    added = gql("""mutation($token: UUID!, $variant: ID!) { checkoutLinesAdd(token: $token,
        lines: [{variantId: $variant, quantity: 2}]) { checkout { lines { sku quantity
        unitPrice { formatted } total { formatted } } total { formatted } pickupLocation {
        name } } errors { field code } } }""",
                {"token": token, "variant": to_global_id("ProductVariant", variant.pk)})
    checkout = added["checkoutLinesAdd"]["checkout"]
    assert checkout["lines"] == [{"sku": "EMP-250", "quantity": 2,
                                  "unitPrice": {"formatted": "Rp25.000"},
                                  "total": {"formatted": "Rp50.000"}}]
    assert checkout["pickupLocation"] == {"name": "Kopmart Cipare"}
    too_many = gql("""mutation($token: UUID!, $variant: ID!) { checkoutLinesUpdate(token: $token,
        lines: [{variantId: $variant, quantity: 5}]) { errors { field code } } }""",
                   {"token": token, "variant": to_global_id("ProductVariant", variant.pk)})
    assert too_many["checkoutLinesUpdate"]["errors"] == [
        {"field": "lines", "code": "INSUFFICIENT_STOCK"}]
    emptied = gql("""mutation($token: UUID!, $variant: ID!) { checkoutLinesDelete(token: $token,
        variantIds: [$variant]) { checkout { lines { sku } } errors { code } } }""",
                  {"token": token, "variant": to_global_id("ProductVariant", variant.pk)})
    assert emptied["checkoutLinesDelete"] == {"checkout": {"lines": []}, "errors": []}
    gql("""mutation($token: UUID!, $variant: ID!) { checkoutLinesAdd(token: $token,
        lines: [{variantId: $variant, quantity: 2}]) { errors { code } } }""",
        {"token": token, "variant": to_global_id("ProductVariant", variant.pk)})
    placed = gql("""mutation($token: UUID!) { checkoutComplete(token: $token) { order { id
        number status total { formatted } pickupCode } errors { field code } } }""",
                 {"token": token})["checkoutComplete"]
    order = placed["order"]
    assert order["status"] == "UNPAID" and order["total"] == {"formatted": "Rp50.000"}
    assert len(order["pickupCode"]) == 6
    mine = gql("{ myOrders(first: 5) { edges { node { number } } } }")["myOrders"]["edges"]
    assert mine == [{"node": {"number": order["number"]}}]
    assert gql("{ me { orders { number } } }")["me"]["orders"] == [{"number": order["number"]}]

    other = GraphQLClient().login(manager_b)
    assert other('{ order(id: "%s") { number } }' % order["id"])["order"] is None
    cashier = GraphQLClient().login(make_staff(coop_a, "cashier"))
    seen = cashier('{ order(id: "%s") { number pickupCode } }' % order["id"])["order"]
    assert seen == {"number": order["number"], "pickupCode": None}  # the code is the shopper's
    cashier('mutation { orderMarkPaid(id: "%s") { errors { code } } }' % order["id"])
    wrong_code = f"{(int(order['pickupCode']) + 1) % 10**6:06d}"
    wrong = cashier('mutation { orderHandOver(id: "%s", pickupCode: "%s") { errors { field '
                    "code } } }" % (order["id"], wrong_code))["orderHandOver"]
    assert wrong["errors"] == [{"field": "pickupCode", "code": "INVALID"}]
    hand_over = ('mutation { orderHandOver(id: "%s", pickupCode: "%s") { order { status } '
                 "errors { code } } }" % (order["id"], order["pickupCode"]))
    unpacked = cashier(hand_over)["orderHandOver"]
    assert unpacked["errors"] == [{"code": "NOT_PREPARED"}]  # the seller never packed it
    OrderLine.objects.filter(order__number=order["number"]).update(fulfilment="packed")
    done = cashier('mutation { orderHandOver(id: "%s", pickupCode: "%s") { order { status } '
                   "errors { code } } }" % (order["id"], order["pickupCode"]))["orderHandOver"]
    assert done == {"order": {"status": "COMPLETED"}, "errors": []}


def test_someone_elses_cart_is_out_of_reach(gql, coop_a, published, store):
    owner = make_user(email="pemilik@example.test")
    token = gql.login(owner)('mutation { checkoutCreate(cooperative: "koperasi-a") { checkout '
                             "{ token } } }")["checkoutCreate"]["checkout"]["token"]
    stranger = GraphQLClient().login(make_user(email="orang@example.test"))
    assert stranger('query($t: UUID!) { checkout(token: $t) { token } }', {"t": token})[
        "checkout"] is None
    attempt = stranger('mutation($t: UUID!) { checkoutComplete(token: $t) { errors { field '
                       "code } } }", {"t": token})["checkoutComplete"]
    assert attempt["errors"] == [{"field": "token", "code": "NOT_FOUND"}]


def test_orders_list_is_for_staff_only(gql, seller, coop_a):
    body = gql.login(seller.owner).post('{ orders(cooperative: "koperasi-a", first: 5) { '
                                        "totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

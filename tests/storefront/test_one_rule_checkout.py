"""The checkout page and the GraphQL checkout follow one rule each: which ways of paying a
checkout offers, and whose cart a token opens."""

import re

import pytest
from graphql_relay import to_global_id

from orders.models import Checkout, CourierRate, LocalDeliveryArea
from orders.services.checkout_delivery import checkout_delivery_options
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

A = "/k/koperasi-a"
ADDRESS = {"recipient_name": "Ibu Siti", "street_address": "Jl. Raya Cipare No. 12",
           "rt_rw": "003/007", "village": "Cipare", "district": "Serang", "city": "Kota Serang",
           "province": "Banten", "postal_code": "42117", "phone": "0812-5555-6666"}
AVAILABLE = "query($t: UUID!) { checkout(token: $t) { availablePaymentMethods paymentMethod } }"


def _cart(client, emping) -> Checkout:
    client.post(f"{A}/keranjang/tambah/", {"variant": emping.variants.get().pk, "quantity": 1})
    return Checkout.objects.get()


def _offered(page: str) -> dict[str, list[str]]:
    """The page's ways of paying, each with the deliveries it is shown for."""
    return {value: fits.split() for value, fits in re.findall(
        r'name="payment" value="([^"]+)"[^>]*data-fits="([^"]*)"', page)}


def _checked_payment(page: str) -> str:
    return re.search(r'name="payment" value="([^"]+)"[^>]*checked', page).group(1)


def _address(gql, token: str) -> None:
    saved = gql("""mutation($t: UUID!, $a: AddressInput!) { checkoutShippingAddressUpdate(
        token: $t, shippingAddress: $a) { errors { field code } } }""", {"t": token, "a": {
        "recipientName": "Ibu Siti", "streetAddress": "Jl. Raya Cipare No. 12",
        "rtRw": "003/007", "village": "Cipare", "district": "Serang", "city": "Kota Serang",
        "province": "Banten", "postalCode": "42117", "phone": "0812-5555-6666"}})
    assert saved["checkoutShippingAddressUpdate"]["errors"] == []


def _api_methods(token, **headers) -> list[str]:
    return GraphQLClient()(AVAILABLE, {"t": str(token)}, **headers)["checkout"][
        "availablePaymentMethods"]


def test_page_and_api_offer_the_same_ways_of_paying_per_delivery(client, emping, coop_a):
    coop_a.bank_transfer_instructions = "BRI 0123 a.n. Koperasi A"
    coop_a.save()
    LocalDeliveryArea.objects.create(cooperative=coop_a, name="Kota Serang", city="Serang",
                                     fee=10000)
    CourierRate.objects.create(cooperative=coop_a, service="JNE REG", max_grams=5000,
                               fee=18000, days=2)
    checkout = _cart(client, emping)
    page = client.get(f"{A}/bayar/").content.decode()
    offered = _offered(page)
    assert offered == {"pay_at_pickup": ["pickup"],
                       "bank_transfer": ["pickup", "local_delivery", "courier"],
                       "cash_on_delivery": ["local_delivery"]}
    assert _api_methods(checkout.token) == ["PAY_AT_PICKUP", "BANK_TRANSFER"]
    assert [m for m, fits in offered.items() if "pickup" in fits] == [
        "pay_at_pickup", "bank_transfer"]
    options = dict(re.findall(r'name="delivery_option" value="([^"]+)"[^>]*data-method="'
                              r'([^"]+)"', client.post(f"{A}/bayar/", {
                                  **ADDRESS, "receive": "delivery",
                                  "payment": "bank_transfer"}).content.decode()))
    assert sorted(options.values()) == ["courier", "local_delivery"]
    courier = next(code for code, method in options.items() if method == "courier")
    refused = client.post(f"{A}/bayar/", {**ADDRESS, "receive": "delivery",
                                          "delivery_option": courier,
                                          "payment": "cash_on_delivery"})
    assert refused.status_code == 400
    assert "Cara bayar ini tidak bisa dipakai dengan pengiriman ini." in refused.content.decode()
    checkout.refresh_from_db()
    assert checkout.delivery_method == "pickup"  # nothing saved on a refusal
    gql = GraphQLClient()
    _address(gql, str(checkout.token))
    moved = gql("""mutation($t: UUID!, $o: String) { checkoutDeliveryMethodUpdate(token: $t,
        deliveryOption: $o) { checkout { availablePaymentMethods } errors { code } } }""",
                {"t": str(checkout.token), "o": courier})["checkoutDeliveryMethodUpdate"]
    assert moved == {"checkout": {"availablePaymentMethods": ["BANK_TRANSFER"]}, "errors": []}
    page = client.get(f"{A}/bayar/").content.decode()
    assert _checked_payment(page) == "bank_transfer"  # not pay at pickup, which does not fit


def test_switching_delivery_and_back_leaves_no_invalid_choice(client, emping, coop_a):
    LocalDeliveryArea.objects.create(cooperative=coop_a, name="Kota Serang", city="Serang",
                                     fee=10000)
    checkout = _cart(client, emping)
    gql = GraphQLClient()
    token = str(checkout.token)
    chosen = gql("""mutation($t: UUID!) { checkoutPaymentCreate(token: $t, method: PAY_AT_PICKUP)
        { checkout { paymentMethod } errors { code } } }""", {"t": token})
    assert chosen["checkoutPaymentCreate"]["checkout"]["paymentMethod"] == "PAY_AT_PICKUP"
    _address(gql, token)
    local = checkout_delivery_options(Checkout.objects.get())[0].code
    gql("""mutation($t: UUID!, $o: String) { checkoutDeliveryMethodUpdate(token: $t,
        deliveryOption: $o) { errors { code } } }""", {"t": token, "o": local})
    after = gql(AVAILABLE, {"t": token})["checkout"]
    assert after == {"availablePaymentMethods": ["CASH_ON_DELIVERY"], "paymentMethod": None}
    # The page shows the one valid choice selected, not the pay-at-pickup chosen before.
    assert _checked_payment(client.get(f"{A}/bayar/").content.decode()) == "cash_on_delivery"
    back = gql("""mutation($t: UUID!, $s: ID) { checkoutDeliveryMethodUpdate(token: $t,
        pickupLocation: $s) { checkout { availablePaymentMethods paymentMethod } } }""",
               {"t": token, "s": to_global_id("Location", checkout.pickup_location_id)})
    assert back["checkoutDeliveryMethodUpdate"]["checkout"] == {
        "availablePaymentMethods": ["PAY_AT_PICKUP"], "paymentMethod": None}
    assert _checked_payment(client.get(f"{A}/bayar/").content.decode()) == "pay_at_pickup"


def test_a_cart_is_reached_only_in_its_own_cooperative(client, emping, coop_a, coop_b):
    """The bug: the API found a cart by token whichever cooperative the request named."""
    checkout = _cart(client, emping)
    query = "query($t: UUID!) { checkout(token: $t) { token } }"
    gql = GraphQLClient()
    assert gql(query, {"t": str(checkout.token)}, HTTP_X_COOPERATIVE="koperasi-b")[
        "checkout"] is None
    refused = gql("""mutation($t: UUID!) { checkoutComplete(token: $t) { order { id }
        errors { field code } } }""", {"t": str(checkout.token)},
                  HTTP_X_COOPERATIVE="koperasi-b")["checkoutComplete"]
    assert refused == {"order": None, "errors": [{"field": "token", "code": "NOT_FOUND"}]}
    assert gql(query, {"t": str(checkout.token)}, HTTP_X_COOPERATIVE="koperasi-a")[
        "checkout"] == {"token": str(checkout.token)}
    assert gql(query, {"t": str(checkout.token)}, HTTP_HOST="b.example.test")[
        "checkout"] is None
    # The page is the same rule: coop B's shop does not open coop A's cart from the session.
    session = client.session
    session[f"storefront-cart-{coop_b.pk}"] = str(checkout.token)
    session.save()
    assert "Emping" not in client.get("/k/koperasi-b/keranjang/").content.decode()

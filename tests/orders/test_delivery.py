"""Delivery: the cooperative's riders by area, couriers by weight, the Indonesian address,
shipping with a tracking number, cash on delivery, and PPN inside the total."""

from decimal import Decimal

import pytest
from graphql_relay import to_global_id

from inventory.models import Location, MovementKind, StockMovement
from inventory.services import stock_receive
from members.models import PatronageEntry
from orders.models import Order
from tests.conftest import GraphQLClient, make_staff, make_user

pytestmark = pytest.mark.django_db

ADDRESS = {"streetAddress": "Jl. Raya Cipare No. 12", "rtRw": "003/007", "village": "Cipare",
           "district": "Serang", "city": "Kota Serang", "province": "Banten",
           "postalCode": "42117", "recipientName": "Ibu Siti", "phone": "0812-5555-6666"}
SET_ADDRESS = """mutation($t: UUID!, $a: AddressInput!) { checkoutShippingAddressUpdate(token: $t,
    shippingAddress: $a) { checkout { shippingAddress { addressLine phone } weightGrams
    availableDeliveryOptions { code method name fee { formatted } } } errors { field code } } }"""
CHOOSE = """mutation($t: UUID!, $o: String) { checkoutDeliveryMethodUpdate(token: $t,
    deliveryOption: $o) { checkout { deliveryMethod delivery { name } deliveryFee { amount }
    total { amount formatted } vatIncluded { amount } } errors { field code } } }"""
COMPLETE = """mutation($t: UUID!, $p: PaymentMethodEnum) { checkoutComplete(token: $t,
    paymentMethod: $p) { order { id number status deliveryMethod deliveryName
    deliveryFee { amount } total { amount } vatIncluded { amount formatted }
    shippingAddress { city recipientName } } errors { field code } } }"""


@pytest.fixture
def store(coop_a):
    return Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")


@pytest.fixture
def rates(coop_a):
    manager = GraphQLClient().login(make_staff(coop_a))
    create_area = """mutation($i: LocalDeliveryAreaInput!) { localDeliveryAreaCreate(
        cooperative: "koperasi-a", input: $i) { area { id fee { formatted } } errors { field
        code } } }"""
    bad = manager(create_area, {"i": {"name": "Serang", "fee": -5}})["localDeliveryAreaCreate"]
    assert {e["field"] for e in bad["errors"]} == {"fee", "city"}
    manager(create_area, {"i": {"name": "Kota Serang", "city": "Serang", "fee": 10000}})
    manager(create_area, {"i": {"name": "Kecamatan Serang", "city": "Serang",
                                "district": "Serang", "fee": 5000}})
    create_rate = """mutation($i: CourierRateInput!) { courierRateCreate(cooperative:
        "koperasi-a", input: $i) { rate { id } errors { field code } } }"""
    for grams, fee in ((1000, 12000), (3000, 20000)):
        assert manager(create_rate, {"i": {"service": "JNE REG", "maxGrams": grams, "fee": fee,
                                           "days": 2}})["courierRateCreate"]["errors"] == []
    twice = manager(create_rate, {"i": {"service": "JNE REG", "maxGrams": 1000, "fee": 1}})
    assert twice["courierRateCreate"]["errors"] == [{"field": "maxGrams", "code": "UNIQUE"}]
    return manager


@pytest.fixture
def shopper():
    return make_user(email="siti@example.test")


def _cart(gql, shopper, variant, quantity):
    gql.login(shopper)
    token = gql('mutation { checkoutCreate(cooperative: "koperasi-a") { checkout { token } } }'
                )["checkoutCreate"]["checkout"]["token"]
    gql("""mutation($t: UUID!, $v: ID!, $q: Int!) { checkoutLinesAdd(token: $t, lines: [{
        variantId: $v, quantity: $q}]) { errors { code } } }""",
        {"t": token, "v": to_global_id("ProductVariant", variant.pk), "q": quantity})
    return token


def test_delivery_options_follow_the_address_and_the_weight(gql, coop_a, published, store,
                                                            rates, shopper):
    variant = published.variants.get()  # 250 g, Rp25.000
    stock_receive(variant, store, 20)
    token = _cart(gql, shopper, variant, 2)
    wrong = gql(SET_ADDRESS, {"t": token, "a": {**ADDRESS, "postalCode": "4211",
                                                "rtRw": "tiga"}})
    assert {(e["field"], e["code"]) for e in wrong["checkoutShippingAddressUpdate"]["errors"]} \
        == {("postalCode", "INVALID"), ("rtRw", "INVALID")}
    assert gql('{ checkout(token: "%s") { shippingAddress { city } } }' % token)["checkout"] == {
        "shippingAddress": None}  # a mistake saves nothing
    saved = gql(SET_ADDRESS, {"t": token, "a": ADDRESS})["checkoutShippingAddressUpdate"]
    assert saved["errors"] == []
    assert saved["checkout"]["shippingAddress"]["phone"] == "+6281255556666"
    assert saved["checkout"]["weightGrams"] == 500
    options = saved["checkout"]["availableDeliveryOptions"]
    # The district's own fee wins over the whole city's; the lightest courier tier that fits.
    assert [(o["method"], o["name"], o["fee"]["formatted"]) for o in options] == [
        ("LOCAL_DELIVERY", "Kecamatan Serang", "Rp5.000"), ("COURIER", "JNE REG", "Rp12.000")]
    heavier = gql("""mutation($t: UUID!, $v: ID!) { checkoutLinesUpdate(token: $t, lines: [{
        variantId: $v, quantity: 8}]) { checkout { availableDeliveryOptions { name fee {
        amount } } } } }""", {"t": token, "v": to_global_id("ProductVariant", variant.pk)})
    assert heavier["checkoutLinesUpdate"]["checkout"]["availableDeliveryOptions"][1] == {
        "name": "JNE REG", "fee": {"amount": 20000}}  # 2 kg
    elsewhere = gql(SET_ADDRESS, {"t": token, "a": {**ADDRESS, "city": "Kabupaten Lebak"}})
    assert [o["method"] for o in elsewhere["checkoutShippingAddressUpdate"]["checkout"][
        "availableDeliveryOptions"]] == ["COURIER"]
    refused = gql(CHOOSE, {"t": token, "o": options[0]["code"]})["checkoutDeliveryMethodUpdate"]
    assert refused["errors"] == [{"field": "deliveryOption", "code": "DELIVERY_UNAVAILABLE"}]


def test_courier_order_ships_with_a_tracking_number_and_completes_on_delivery(
        gql, coop_a, published, store, rates, shopper, seller):
    coop_a.bank_transfer_instructions = "BRI 0123 a.n. Koperasi A"
    coop_a.save()
    variant = published.variants.get()
    stock_receive(variant, store, 5)
    token = _cart(gql, shopper, variant, 2)
    options = gql(SET_ADDRESS, {"t": token, "a": ADDRESS})["checkoutShippingAddressUpdate"][
        "checkout"]["availableDeliveryOptions"]
    courier = next(o for o in options if o["method"] == "COURIER")
    chosen = gql(CHOOSE, {"t": token, "o": courier["code"]})["checkoutDeliveryMethodUpdate"]
    assert chosen["checkout"]["total"] == {"amount": 62000, "formatted": "Rp62.000"}
    cod = gql(COMPLETE, {"t": token, "p": "CASH_ON_DELIVERY"})["checkoutComplete"]
    assert cod["errors"] == [{"field": "paymentMethod", "code": "INVALID"}]  # not by courier
    placed = gql(COMPLETE, {"t": token, "p": "BANK_TRANSFER"})["checkoutComplete"]["order"]
    assert placed["deliveryName"] == "JNE REG" and placed["deliveryFee"] == {"amount": 12000}
    assert placed["shippingAddress"] == {"city": "Kota Serang", "recipientName": "Ibu Siti"}

    owner = GraphQLClient().login(seller.owner)
    lines = owner('{ sellerOrderLines(seller: "%s") { id deliveryMethod } }'
                  % to_global_id("Seller", seller.pk))["sellerOrderLines"]
    assert lines[0]["deliveryMethod"] == "COURIER"
    ship = """mutation($ids: [ID!]!, $r: String) { orderLinesFulfill(ids: $ids, status: SHIPPED,
        trackingNumber: $r) { order { status lines { trackingNumber } } errors { field code } }
        }"""
    unpaid = owner(ship, {"ids": [lines[0]["id"]], "r": "JNE123"})["orderLinesFulfill"]
    assert unpaid["errors"] == [{"field": "status", "code": "INVALID_STATUS"}]
    manager = rates
    manager('mutation { orderMarkPaid(id: "%s") { errors { code } } }' % placed["id"])
    no_receipt = owner(ship, {"ids": [lines[0]["id"]]})["orderLinesFulfill"]
    assert no_receipt["errors"] == [{"field": "trackingNumber", "code": "REQUIRED"}]
    shipped = owner(ship, {"ids": [lines[0]["id"]], "r": "JNE123"})["orderLinesFulfill"]
    assert shipped["order"] == {"status": "SHIPPED", "lines": [{"trackingNumber": "JNE123"}]}
    sale = StockMovement.objects.get(kind=MovementKind.SALE)
    assert sale.quantity == -2  # left the shelf with the courier
    cashier = GraphQLClient().login(make_staff(coop_a, "cashier"))
    done = cashier('mutation { orderMarkDelivered(id: "%s") { order { status } errors { code } } }'
                   % placed["id"])["orderMarkDelivered"]
    assert done == {"order": {"status": "COMPLETED"}, "errors": []}
    assert StockMovement.objects.filter(kind=MovementKind.SALE).count() == 1  # not sold twice
    assert PatronageEntry.objects.get().amount == 62000


def test_cash_on_delivery_by_the_cooperative_is_paid_at_the_door(gql, coop_a, published, store,
                                                                 rates, shopper):
    variant = published.variants.get()
    stock_receive(variant, store, 5)
    token = _cart(gql, shopper, variant, 1)
    options = gql(SET_ADDRESS, {"t": token, "a": ADDRESS})["checkoutShippingAddressUpdate"][
        "checkout"]["availableDeliveryOptions"]
    gql(CHOOSE, {"t": token, "o": options[0]["code"]})
    placed = gql(COMPLETE, {"t": token})["checkoutComplete"]["order"]  # COD by default
    order = Order.objects.get(number=placed["number"])
    assert (order.payment_method, order.pay_before) == ("cash_on_delivery", None)
    staff = GraphQLClient().login(make_staff(coop_a, "staff", email="staf2@example.test"))
    line = order.lines.get()
    shipped = staff("""mutation($ids: [ID!]!) { orderLinesFulfill(ids: $ids, status: SHIPPED) {
        order { status } errors { code } } }""", {"ids": [to_global_id("SellerOrderLine",
                                                                       line.pk)]})
    assert shipped["orderLinesFulfill"]["order"] == {"status": "SHIPPED"}  # no resi for riders
    rates('mutation { orderMarkDelivered(id: "%s") { errors { code } } }' % placed["id"])
    order.refresh_from_db()
    assert order.status == "completed" and order.paid_at is not None
    assert order.events.filter(kind="paid").exists()


def test_a_vat_registered_cooperative_shows_the_ppn_inside_the_total(gql, coop_a, published,
                                                                     store, shopper):
    coop_a.vat_registered, coop_a.vat_percent = True, Decimal("11")
    coop_a.save()
    variant = published.variants.get()
    stock_receive(variant, store, 5)
    token = _cart(gql, shopper, variant, 4)  # Rp100.000
    seen = gql('{ checkout(token: "%s") { total { amount } vatIncluded { amount } } }' % token)
    assert seen["checkout"] == {"total": {"amount": 100000}, "vatIncluded": {"amount": 9910}}
    placed = gql(COMPLETE, {"t": token})["checkoutComplete"]["order"]
    assert placed["total"] == {"amount": 100000}  # prices include PPN: nothing is added
    assert placed["vatIncluded"] == {"amount": 9910, "formatted": "Rp9.910"}

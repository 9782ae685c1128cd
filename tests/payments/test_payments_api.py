"""The payments API and the cooperative's printed QRIS: a manager connects the gateway (keys
never shown again), a shopper starts paying an order and sees what to scan, staff confirm a
printed-QRIS payment, a held payment is given back, and two cooperatives on different
gateways in one deployment each see only their own payments. Midtrans is the emulator of
tests/emulators/midtrans.py (its documentation is listed there)."""

import pytest
from graphql_relay import to_global_id

from inventory.models import Location
from inventory.services import stock_receive
from orders.models import OrderStatus
from payments import qris
from payments.models import PaymentAttempt
from payments.services import gateway_settings_update
from tests.conftest import GraphQLClient

from .conftest import MIDTRANS_KEY_A, connect_midtrans, place_order, static_qris_payload

pytestmark = pytest.mark.django_db

SETTINGS = """mutation($input: PaymentGatewaySettingsInput!) {
  paymentGatewaySettingsUpdate(input: $input) {
    settings { provider methods hasMidtransServerKey midtransClientKey qrisExpiryMinutes }
    errors { field code message } } }"""
PAY = """mutation($token: UUID, $method: PaymentMethodOnline!) {
  orderPaymentCreate(token: $token, method: $method) {
    payment { id state method amount { amount formatted } expiresAt
              instructions { qrString qrSvg vaNumber bank deeplinkUrl } }
    errors { field code message } } }"""
PAYMENTS = """{ payments(first: 10) { totalCount edges { node { reference provider state
  amount { amount } } } } }"""


def test_a_manager_connects_midtrans_and_the_keys_stay_secret(coop_a, manager_a, midtrans):
    gql = GraphQLClient().login(manager_a)
    gql.headers["HTTP_X_COOPERATIVE"] = coop_a.slug
    answer = gql(SETTINGS, {"input": {"provider": "midtrans", "midtransServerKey":
                                      MIDTRANS_KEY_A, "midtransClientKey": "SB-Mid-client-1",
                                      "methods": ["QRIS", "VA_BCA", "GOPAY"]}})
    settings = answer["paymentGatewaySettingsUpdate"]["settings"]
    assert settings["hasMidtransServerKey"] and settings["methods"] == ["QRIS", "VA_BCA",
                                                                        "GOPAY"]
    assert MIDTRANS_KEY_A not in str(answer) and settings["qrisExpiryMinutes"] == 15
    stored = coop_a.gateway_settings
    assert MIDTRANS_KEY_A not in stored.midtrans_server_key_encrypted
    refused = gql(SETTINGS, {"input": {"methods": ["OVO"], "staticQrisPayload": "bukan qris",
                                       "qrisExpiryMinutes": 0}})
    errors = refused["paymentGatewaySettingsUpdate"]["errors"]
    assert {(e["field"], e["code"]) for e in errors} == {
        ("methods", "METHOD_NOT_AVAILABLE"), ("staticQrisPayload", "INVALID"),
        ("qrisExpiryMinutes", "INVALID")}
    stored.refresh_from_db()
    assert stored.methods == ["qris", "va_bca", "gopay"]  # nothing changed


def test_a_printed_qris_payment_is_confirmed_by_staff(shop, manager_a):
    coop = shop["cooperative"]
    printed = static_qris_payload()
    gateway_settings_update(coop, static_qris_payload=printed, methods=["static_qris"])
    order = place_order(shop)
    guest = GraphQLClient().login(shop["shopper"])
    guest.headers["HTTP_X_COOPERATIVE"] = coop.slug
    ways = guest('{ order(id: "%s") { onlinePaymentMethods } }' % to_global_id("Order",
                                                                               order.pk))
    assert ways["order"]["onlinePaymentMethods"] == ["STATIC_QRIS"]
    paying = guest(PAY, {"token": str(order.checkout_token), "method": "STATIC_QRIS"})[
        "orderPaymentCreate"]
    assert paying["errors"] == []
    payment = paying["payment"]
    shown = payment["instructions"]["qrString"]
    assert qris.is_valid(shown) and "540525000" in shown and shown != printed
    assert payment["amount"]["formatted"] == "Rp25.000" and "<svg" in payment[
        "instructions"]["qrSvg"]
    assert guest(PAY, {"token": str(order.checkout_token), "method": "STATIC_QRIS"})[
        "orderPaymentCreate"]["payment"]["id"] == payment["id"]  # asked twice: the same one

    staff = GraphQLClient().login(manager_a)
    staff.headers["HTTP_X_COOPERATIVE"] = coop.slug
    confirm = """mutation($id: ID!) { paymentConfirm(id: $id) { payment { state }
                 errors { code } } }"""
    assert staff(confirm, {"id": payment["id"]})["paymentConfirm"]["payment"]["state"] == \
        "PAID"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    again = staff(confirm, {"id": payment["id"]})["paymentConfirm"]
    assert again["errors"] == [{"code": "INVALID_STATE"}]
    assert order.events.filter(kind="paid").count() == 1


def test_a_method_the_cooperative_does_not_offer_is_refused(shop):
    order = place_order(shop, method="pay_at_pickup")
    guest = GraphQLClient().login(shop["shopper"])
    answer = guest(PAY, {"token": str(order.checkout_token), "method": "QRIS"})
    assert answer["orderPaymentCreate"]["errors"][0]["code"] == "INVALID_STATUS"
    assert not PaymentAttempt.objects.exists()


def test_two_cooperatives_on_different_gateways_see_only_their_own_payments(
        shop, coop_b, manager_a, manager_b, midtrans, published):
    connect_midtrans(shop["cooperative"])
    gateway_settings_update(coop_b, static_qris_payload=static_qris_payload("KOPERASI B"),
                            methods=["static_qris"])
    a_order = place_order(shop)
    guest = GraphQLClient().login(shop["shopper"])
    a_pay = guest(PAY, {"token": str(a_order.checkout_token), "method": "VA_BNI"})[
        "orderPaymentCreate"]["payment"]
    assert a_pay["instructions"]["bank"] == "bni" and a_pay["instructions"]["vaNumber"]
    # B sells from its own store: a checkout of B paid by B's printed QRIS.
    from catalog.models import Product

    b_product = Product.objects.create(cooperative=coop_b, seller=_seller_of(coop_b),
                                       name="Kopi", slug="kopi", status="published")
    b_variant = b_product.variants.create(cooperative=coop_b, sku="KOPI", price=18000)
    b_store = Location.objects.create(cooperative=coop_b, name="Kopmart B", code="b")
    stock_receive(b_variant, b_store, 3)
    b_order = place_order({"cooperative": coop_b, "variant": b_variant,
                           "shopper": shop["shopper"]})
    b_pay = guest(PAY, {"token": str(b_order.checkout_token), "method": "STATIC_QRIS"})[
        "orderPaymentCreate"]["payment"]
    assert "KOPERASI B" in b_pay["instructions"]["qrString"]
    for manager, coop, provider in ((manager_a, shop["cooperative"], "MIDTRANS"),
                                    (manager_b, coop_b, "STATIC_QRIS")):
        staff = GraphQLClient().login(manager)
        staff.headers["HTTP_X_COOPERATIVE"] = coop.slug
        listed = staff(PAYMENTS)["payments"]
        assert listed["totalCount"] == 1
        assert listed["edges"][0]["node"]["provider"] == provider
    # B's manager cannot confirm or see A's payment.
    staff_b = GraphQLClient().login(manager_b)
    staff_b.headers["HTTP_X_COOPERATIVE"] = coop_b.slug
    refused = staff_b("""mutation($id: ID!) { paymentConfirm(id: $id) { errors { code } } }""",
                      {"id": a_pay["id"]})
    assert refused["paymentConfirm"]["errors"][0]["code"] == "NOT_FOUND"


def _seller_of(cooperative):
    from catalog.models import Seller, SellerStatus
    from tests.conftest import make_user

    return Seller.objects.create(cooperative=cooperative, owner=make_user(
        email=f"penjual@{cooperative.slug}.test"), business_name="Kopi B", slug="kopi-b",
        status=SellerStatus.APPROVED)


def test_a_held_payment_is_given_back_by_a_manager(shop, manager_a, midtrans, client):
    connect_midtrans(shop["cooperative"])
    order = place_order(shop)
    guest = GraphQLClient().login(shop["shopper"])
    payment = guest(PAY, {"token": str(order.checkout_token), "method": "GOPAY"})[
        "orderPaymentCreate"]["payment"]
    attempt = PaymentAttempt.objects.get()
    midtrans.simulate_pay(attempt.reference, amount=30000, notify=False)
    client.post("/payments/koperasi-a/midtrans/notification/", midtrans.notifications[-1][1],
                content_type="application/json")
    staff = GraphQLClient().login(manager_a)
    staff.headers["HTTP_X_COOPERATIVE"] = "koperasi-a"
    held = staff('{ payments(first: 5, state: HELD) { edges { node { id heldReason '
                 'paidAmount { formatted } } } } }')["payments"]["edges"]
    assert held[0]["node"]["paidAmount"]["formatted"] == "Rp30.000"
    refund = """mutation($id: ID!, $reason: String!) { paymentRefund(id: $id, reason: $reason) {
      payment { state refundedAmount { amount } } errors { field code } } }"""
    done = staff(refund, {"id": payment["id"], "reason": "Jumlah tidak sesuai"})["paymentRefund"]
    assert done["errors"] == [] and done["payment"]["state"] == "REFUNDED"
    assert done["payment"]["refundedAmount"]["amount"] == 30000
    tx = midtrans.transactions[(MIDTRANS_KEY_A, attempt.reference)]
    assert tx["transaction_status"] == "refund"
    assert to_global_id("PaymentAttempt", attempt.pk) == payment["id"]


def test_the_payments_list_costs_the_same_queries_whatever_its_size(coop_a, manager_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = GraphQLClient().login(manager_a)
    staff.headers["HTTP_X_COOPERATIVE"] = coop_a.slug
    query = """query($n: Int!) { payments(first: $n) { totalCount edges { node { reference
      state method provider amount { formatted } paidAmount { amount } expiresAt
      instructions { vaNumber bank } } } } }"""
    counts = []
    for size in (2, 8):
        PaymentAttempt.objects.bulk_create([PaymentAttempt(
            cooperative=coop_a, payable_kind="order", payable_id=n, provider="midtrans",
            method="va_bca", amount=10000, reference=f"q-{size}-{n}",
            instructions={"bank": "bca", "va_number": f"1234{n}"}) for n in range(size)])
        with CaptureQueriesContext(connection) as queries:
            listed = staff(query, {"n": 20})["payments"]
        counts.append(len(queries))
        assert len(listed["edges"]) == listed["totalCount"]
        PaymentAttempt.objects.all().delete()
    assert counts[0] == counts[1]

"""Card payments through Stripe: real HTTP to localstripe (a Stripe API server), real
signatures on webhooks. The storefront's part (Stripe.js confirming the card with the client
secret) is played by the stripe library against the same server."""

import pytest
import stripe
from graphql_relay import to_global_id

from inventory.models import Location, Stock
from inventory.services import available, stock_receive
from orders.models import Order, OrderStatus, Payment, WebhookEvent
from tests.conftest import GraphQLClient, make_staff, make_user
from tests.orders.stripe_server import shopper_stripe, signed_event

pytestmark = pytest.mark.django_db

PAY = """mutation($token: UUID!) { checkoutPaymentCreate(token: $token, method: CARD) {
    payment { amount { amount } status clientSecret publishableKey } errors { field code } } }"""
COMPLETE = """mutation($token: UUID!) { checkoutComplete(token: $token) { order { id number
    status paymentMethod paymentStatus total { amount } } errors { field code } } }"""


@pytest.fixture
def store(coop_a):
    return Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")


@pytest.fixture
def shopper():
    return make_user(email="pembeli@example.test", phone="+6281255556666")


@pytest.fixture
def cart(gql, coop_a, published, store, shopper):
    variant = published.variants.get()  # Rp25.000
    stock_receive(variant, store, 5)
    gql.login(shopper)
    token = gql('mutation { checkoutCreate(cooperative: "koperasi-a") { checkout { token } } }'
                )["checkoutCreate"]["checkout"]["token"]
    gql("""mutation($t: UUID!, $v: ID!) { checkoutLinesAdd(token: $t, lines: [{variantId: $v,
        quantity: 2}]) { errors { code } } }""",
        {"t": token, "v": to_global_id("ProductVariant", variant.pk)})
    return token


def _confirm(url, client_secret, card="pm_card_visa"):
    intent_id = client_secret.split("_secret")[0]
    client = shopper_stripe(url)
    client.v1.payment_intents.update(intent_id, {"payment_method": card})
    return client.v1.payment_intents.confirm(intent_id)


def _webhook(client, event_type, intent_id, event_id):
    payload, signature = signed_event(event_type, {"id": intent_id, "object": "payment_intent"},
                                      event_id=event_id)
    return client.post("/payments/stripe/webhook/", payload, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=signature)


def test_a_card_payment_pays_the_order_when_stripe_says_so_and_only_once(
        gql, cart, stripe_on, coop_a):
    payment = gql(PAY, {"token": cart})["checkoutPaymentCreate"]["payment"]
    assert payment["amount"] == {"amount": 50000} and payment["status"] == "PENDING"
    assert payment["publishableKey"] == "pk_test_coopmart"
    intent_id = payment["clientSecret"].split("_secret")[0]
    intent = shopper_stripe(stripe_on).v1.payment_intents.retrieve(intent_id)
    assert (intent.amount, intent.currency) == (5_000_000, "idr")  # hundredths of a rupiah

    order = gql(COMPLETE, {"token": cart})["checkoutComplete"]["order"]
    assert (order["status"], order["paymentMethod"]) == ("UNPAID", "CARD")
    assert _confirm(stripe_on, payment["clientSecret"]).status == "succeeded"
    assert Order.objects.get(number=order["number"]).status == OrderStatus.UNPAID  # not yet told

    response = _webhook(gql.client, "payment_intent.succeeded", intent_id, "evt_1")
    assert response.status_code == 200 and response.content == b"applied"
    again = _webhook(gql.client, "payment_intent.succeeded", intent_id, "evt_1")
    assert again.content == b"duplicate"
    placed = Order.objects.get(number=order["number"])
    assert placed.status == OrderStatus.PAID and placed.paid_at is not None
    assert [e.kind for e in placed.events.all()].count("paid") == 1
    seen = gql('{ order(id: "%s") { status paymentStatus } }' % order["id"])["order"]
    assert seen == {"status": "PAID", "paymentStatus": "SUCCEEDED"}


def test_paying_before_completing_works_and_late_or_stale_events_change_nothing(
        gql, cart, stripe_on):
    payment = gql(PAY, {"token": cart})["checkoutPaymentCreate"]["payment"]
    intent_id = payment["clientSecret"].split("_secret")[0]
    _confirm(stripe_on, payment["clientSecret"])
    # The success event arrives before the order exists: the payment remembers it.
    assert _webhook(gql.client, "payment_intent.succeeded", intent_id, "evt_a").status_code == 200
    order = gql(COMPLETE, {"token": cart})["checkoutComplete"]["order"]
    assert order["status"] == "PAID"
    # An older 'failed' event delivered late: Stripe says succeeded now, so it stays paid.
    assert _webhook(gql.client, "payment_intent.payment_failed", intent_id,
                    "evt_old").status_code == 200
    assert Order.objects.get(number=order["number"]).status == OrderStatus.PAID
    assert Payment.objects.get(psp_reference=intent_id).status == "succeeded"


def test_a_declined_card_leaves_the_order_unpaid(gql, cart, stripe_on):
    # With real Stripe the shopper may retry the same PaymentIntent with another card;
    # localstripe answers such a retry with 400, so the retry is not exercised here.
    payment = gql(PAY, {"token": cart})["checkoutPaymentCreate"]["payment"]
    intent_id = payment["clientSecret"].split("_secret")[0]
    order = gql(COMPLETE, {"token": cart})["checkoutComplete"]["order"]
    with pytest.raises(stripe.CardError):
        _confirm(stripe_on, payment["clientSecret"], card="pm_card_chargeCustomerFail")
    _webhook(gql.client, "payment_intent.payment_failed", intent_id, "evt_fail")
    placed = Order.objects.get(number=order["number"])
    assert placed.status == OrderStatus.UNPAID
    assert placed.events.last().kind == "payment_failed"
    assert gql('{ order(id: "%s") { paymentStatus } }' % order["id"])["order"] == {
        "paymentStatus": "FAILED"}


def test_a_webhook_with_a_bad_signature_is_refused_and_changes_nothing(gql, cart, stripe_on):
    payment = gql(PAY, {"token": cart})["checkoutPaymentCreate"]["payment"]
    intent_id = payment["clientSecret"].split("_secret")[0]
    order = gql(COMPLETE, {"token": cart})["checkoutComplete"]["order"]
    _confirm(stripe_on, payment["clientSecret"])
    payload, _signature = signed_event("payment_intent.succeeded",
                                       {"id": intent_id, "object": "payment_intent"},
                                       event_id="evt_forged", secret="whsec_someone_else")
    response = gql.client.post("/payments/stripe/webhook/", payload,
                               content_type="application/json",
                               HTTP_STRIPE_SIGNATURE=_signature)
    assert response.status_code == 400
    missing = gql.client.post("/payments/stripe/webhook/", payload,
                              content_type="application/json")
    assert missing.status_code == 400
    assert not WebhookEvent.objects.exists()
    assert Order.objects.get(number=order["number"]).status == OrderStatus.UNPAID


def test_a_changed_total_needs_a_new_payment(gql, cart, stripe_on, published):
    gql(PAY, {"token": cart})
    gql("""mutation($t: UUID!, $v: ID!) { checkoutLinesUpdate(token: $t, lines: [{variantId: $v,
        quantity: 3}]) { errors { code } } }""",
        {"t": cart, "v": to_global_id("ProductVariant", published.variants.get().pk)})
    refused = gql(COMPLETE, {"token": cart})["checkoutComplete"]
    assert refused == {"order": None, "errors": [{"field": "payment",
                                                  "code": "PAYMENT_AMOUNT_CHANGED"}]}
    again = gql(PAY, {"token": cart})["checkoutPaymentCreate"]["payment"]
    assert again["amount"] == {"amount": 75000}
    assert gql(COMPLETE, {"token": cart})["checkoutComplete"]["errors"] == []
    assert Payment.objects.filter(status="cancelled").count() == 1


def test_refunds_go_back_through_stripe_by_line_then_whole(gql, cart, stripe_on, coop_a,
                                                          published, store):
    payment = gql(PAY, {"token": cart})["checkoutPaymentCreate"]["payment"]
    intent_id = payment["clientSecret"].split("_secret")[0]
    _confirm(stripe_on, payment["clientSecret"])
    _webhook(gql.client, "payment_intent.succeeded", intent_id, "evt_paid")
    order = gql(COMPLETE, {"token": cart})["checkoutComplete"]["order"]
    line_id = gql('{ order(id: "%s") { lines { id } } }' % order["id"])["order"]["lines"][0]["id"]
    def free() -> int:
        return available(Stock.objects.get(variant=published.variants.get(), location=store))

    assert free() == 3

    manager = GraphQLClient().login(make_staff(coop_a))
    refund = """mutation($id: ID!, $lines: [RefundLineInput!]) { orderRefund(id: $id,
        lines: $lines, reason: "Stok rusak") { refund { amount { amount } } order { status
        refundedTotal { amount } } errors { field code } } }"""
    too_many = manager(refund, {"id": order["id"], "lines": [{"lineId": line_id,
                                                             "quantity": 3}]})["orderRefund"]
    assert too_many["errors"] == [{"field": "lines", "code": "INVALID"}]
    part = manager(refund, {"id": order["id"], "lines": [{"lineId": line_id, "quantity": 1}]}
                   )["orderRefund"]
    assert part["refund"] == {"amount": {"amount": 25000}} and part["errors"] == []
    assert part["order"] == {"status": "PAID", "refundedTotal": {"amount": 25000}}
    assert free() == 4  # the refunded unit is on sale again
    charge = shopper_stripe(stripe_on).v1.payment_intents.retrieve(intent_id).to_dict()[
        "latest_charge"]
    assert charge["amount_refunded"] == 2_500_000
    rest = manager(refund, {"id": order["id"]})["orderRefund"]
    assert rest["order"] == {"status": "REFUNDED", "refundedTotal": {"amount": 50000}}
    charge = shopper_stripe(stripe_on).v1.payment_intents.retrieve(intent_id).to_dict()[
        "latest_charge"]
    assert charge["amount_refunded"] == 5_000_000
    assert free() == 5
    nothing_left = manager(refund, {"id": order["id"]})["orderRefund"]
    assert nothing_left["errors"][0]["code"] == "INVALID_STATUS"


def test_a_payment_after_cancellation_is_refunded(gql, cart, stripe_on):
    payment = gql(PAY, {"token": cart})["checkoutPaymentCreate"]["payment"]
    intent_id = payment["clientSecret"].split("_secret")[0]
    order = gql(COMPLETE, {"token": cart})["checkoutComplete"]["order"]
    gql('mutation { orderCancel(id: "%s") { errors { code } } }' % order["id"])
    _confirm(stripe_on, payment["clientSecret"])
    _webhook(gql.client, "payment_intent.succeeded", intent_id, "evt_late")
    placed = Order.objects.get(number=order["number"])
    assert placed.status == OrderStatus.CANCELLED
    assert placed.events.last().kind == "payment_returned"
    charge = shopper_stripe(stripe_on).v1.payment_intents.retrieve(intent_id).to_dict()[
        "latest_charge"]
    assert charge["amount_refunded"] == 5_000_000


def test_card_payment_is_refused_while_stripe_is_not_configured(gql, cart):
    refused = gql(PAY, {"token": cart})["checkoutPaymentCreate"]
    assert refused["errors"] == [{"field": "paymentMethod", "code": "INVALID"}]


def test_a_cart_paid_by_card_cannot_then_be_placed_as_pay_at_pickup(gql, cart, stripe_on):
    payment = gql(PAY, {"token": cart})["checkoutPaymentCreate"]["payment"]
    intent_id = payment["clientSecret"].split("_secret")[0]
    _confirm(stripe_on, payment["clientSecret"])
    _webhook(gql.client, "payment_intent.succeeded", intent_id, "evt_paid_first")
    refused = gql("""mutation($t: UUID!) { checkoutComplete(token: $t, paymentMethod:
        PAY_AT_PICKUP) { order { id } errors { field code } } }""", {"t": cart})
    assert refused["checkoutComplete"] == {"order": None, "errors": [
        {"field": "paymentMethod", "code": "INVALID"}]}
    order = gql(COMPLETE, {"token": cart})["checkoutComplete"]["order"]
    assert order["status"] == "PAID"

"""Paying orders through Midtrans. Midtrans is played by an emulator of its documented
endpoints (tests/emulators/midtrans.py: Core API charge, status, cancel, expire, refund; Snap)
over real HTTP, driven by the official `midtransclient` library; its notifications are the
signed JSON Midtrans posts, replayed to our notification URL."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from inventory.models import Stock
from messaging.models import Message
from orders.models import OrderStatus
from orders.services.lifecycle import order_cancel
from orders.services.online_payments import order_payment_start
from orders.services.refunds import order_refund
from payments.models import AttemptState, PaymentAttempt, PaymentEvent, PaymentRefund
from payments.services import payment_attempts_expire, payment_attempts_reconcile

from .conftest import MIDTRANS_KEY_A, connect_midtrans, place_order

pytestmark = pytest.mark.django_db
URL = "/payments/koperasi-a/midtrans/notification/"


@pytest.fixture
def connected(shop, midtrans):
    connect_midtrans(shop["cooperative"])
    return shop


def _notify(client, body: bytes):
    return client.post(URL, body, content_type="application/json")


def _pay(midtrans, client, attempt, **options):
    status, answer = midtrans.simulate_pay(attempt.reference, notify=False, **options)
    assert status == 200, answer
    return _notify(client, midtrans.notifications[-1][1])


def _order_state(order):
    order.refresh_from_db()
    return order.status


def test_an_order_is_paid_by_each_method_when_midtrans_says_so(connected, midtrans, client):
    for method in ("qris", "va_bca", "va_mandiri", "va_permata", "gopay", "shopeepay"):
        order = place_order(connected)
        attempt = order_payment_start(order, method)
        shown = attempt.instructions
        assert attempt.amount == 25000 and attempt.provider == "midtrans"
        if method == "qris":
            assert shown["qr_string"].startswith("000201")
        elif method.startswith("va_"):
            assert shown["va_number"].isdigit() and shown["bank"] == method[3:]
        else:
            assert "://" in shown["deeplink_url"]
        assert _order_state(order) == OrderStatus.UNPAID
        response = _pay(midtrans, client, attempt)
        assert response.status_code == 200 and response.content == b"applied", method
        assert _order_state(order) == OrderStatus.PAID
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.PAID and attempt.paid_amount == 25000


def test_a_forged_notification_is_refused_and_changes_nothing(connected, midtrans, client):
    order = place_order(connected)
    attempt = order_payment_start(order, "qris")
    midtrans.simulate_pay(attempt.reference, notify=False)
    payload = json.loads(midtrans.notifications[-1][1])
    payload["signature_key"] = "0" * 128
    assert _notify(client, json.dumps(payload).encode()).status_code == 400
    assert _notify(client, b"not json").status_code == 400
    other = client.post("/payments/koperasi-a/xendit/notification/", b"{}",
                        content_type="application/json")
    assert other.status_code == 400
    assert _order_state(order) == OrderStatus.UNPAID
    assert not PaymentEvent.objects.exists()


def test_duplicated_late_and_out_of_order_notifications_change_nothing(connected, midtrans,
                                                                       client):
    order = place_order(connected)
    attempt = order_payment_start(order, "va_bni")
    key = midtrans.transactions[(connected_key := "SB-Mid-server-koperasi-a",
                                 attempt.reference)]
    pending = midtrans.notification_body(connected_key, key)  # sent when it was created
    assert _pay(midtrans, client, attempt).content == b"applied"
    assert _notify(client, midtrans.notifications[-1][1]).content == b"duplicate"
    # The "pending" notice arrives last: it is asked about, and the answer is "settlement".
    assert _notify(client, pending).content == b"applied"
    assert _order_state(order) == OrderStatus.PAID
    assert order.events.filter(kind="paid").count() == 1
    assert PaymentEvent.objects.count() == 2


def test_an_amount_that_differs_is_held_for_a_manager(connected, midtrans, client, manager_a):
    order = place_order(connected)
    attempt = order_payment_start(order, "gopay")
    _pay(midtrans, client, attempt, amount=20000)
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.HELD and attempt.held_reason == "amount_mismatch"
    assert attempt.paid_amount == 20000
    assert _order_state(order) == OrderStatus.UNPAID
    told = Message.objects.get(template="manager_payment_held")
    assert told.email == manager_a.email and told.variables["amount"] == "Rp20.000"


def test_expiry_frees_the_units_and_a_late_payment_is_held(connected, midtrans, client):
    order = place_order(connected, quantity=2)
    stock = Stock.objects.get(variant=connected["variant"])
    assert stock.allocated == 2
    attempt = order_payment_start(order, "qris")
    assert attempt.expires_at < timezone.now() + timedelta(minutes=16)
    later = timezone.now() + timedelta(minutes=20)
    midtrans.now = lambda: later.astimezone(midtrans_tz())
    try:
        assert payment_attempts_expire(now=later) == 1
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.EXPIRED
        assert _order_state(order) == OrderStatus.CANCELLED
        stock.refresh_from_db()
        assert stock.allocated == 0
        # The shopper's bank app paid anyway: the money is held for a manual refund.
        response = _pay(midtrans, client, attempt, late=True)
    finally:
        midtrans.now = lambda: timezone.now().astimezone(midtrans_tz())
    assert response.content == b"applied"
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.HELD and attempt.held_reason == "late"
    assert _order_state(order) == OrderStatus.CANCELLED


def midtrans_tz():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Asia/Jakarta")


def test_reconciliation_finds_a_lost_notification_and_cancelling_closes_the_va(connected,
                                                                             midtrans):
    order = place_order(connected)
    attempt = order_payment_start(order, "va_bri")
    midtrans.simulate_pay(attempt.reference, notify=False)  # the notification never comes
    assert payment_attempts_reconcile(now=timezone.now()) == 0  # too young to ask about
    assert payment_attempts_reconcile(now=timezone.now() + timedelta(minutes=11)) == 1
    assert _order_state(order) == OrderStatus.PAID

    # An order cancelled while its virtual account is open: the account is closed too.
    cancelled = place_order(connected)
    open_va = order_payment_start(cancelled, "va_bca")
    order_cancel(cancelled, None, "Pembeli membatalkan")
    open_va.refresh_from_db()
    assert open_va.state == AttemptState.CANCELLED
    assert midtrans.transactions[(MIDTRANS_KEY_A, open_va.reference)][
        "transaction_status"] == "cancel"


def test_refunds_go_back_through_midtrans_or_are_recorded_as_manual(connected, midtrans,
                                                                    client, manager_a):
    wallet = place_order(connected)
    _pay(midtrans, client, order_payment_start(wallet, "shopeepay"))
    order_refund(wallet, manager_a, reason="Barang rusak")
    assert _order_state(wallet) == OrderStatus.REFUNDED
    refund = PaymentRefund.objects.get(attempt__payable_id=wallet.pk)
    assert not refund.manual and refund.amount == 25000
    reference = PaymentAttempt.objects.get(payable_id=wallet.pk).reference
    tx = midtrans.transactions[("SB-Mid-server-koperasi-a", reference)]
    assert tx["transaction_status"] == "refund"

    transfer = place_order(connected)
    _pay(midtrans, client, order_payment_start(transfer, "va_bca"))
    order_refund(transfer, manager_a, reason="Dibatalkan pembeli")
    refund = PaymentRefund.objects.get(attempt__payable_id=transfer.pk)
    assert refund.manual  # Midtrans does not refund bank transfers: handed back by hand
    assert PaymentAttempt.objects.get(payable_id=transfer.pk).state == AttemptState.REFUNDED


def test_snap_is_the_hosted_fallback(connected, midtrans, client):
    order = place_order(connected)
    attempt = order_payment_start(order, "hosted")
    assert attempt.instructions["redirect_url"].startswith(midtrans.url + "/snap/")
    _pay(midtrans, client, attempt)
    assert _order_state(order) == OrderStatus.PAID

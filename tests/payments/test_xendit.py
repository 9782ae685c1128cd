"""Paying orders through Xendit. Xendit is played by an emulator of its documented endpoints
(tests/emulators/xendit.py: Payment Requests for QRIS, virtual accounts and e-wallets,
Invoices, Refunds) over real HTTP, driven by the official `xendit-python` library; its
callbacks carry the `x-callback-token` header, replayed to our notification URL."""

from datetime import timedelta

import pytest
from django.utils import timezone

from inventory.models import Stock
from orders.models import OrderStatus
from orders.services.online_payments import order_payment_start
from orders.services.refunds import order_refund
from payments.models import AttemptState, PaymentEvent, PaymentRefund
from payments.services import payment_attempts_expire, payment_attempts_reconcile

from .conftest import connect_xendit, place_order

pytestmark = pytest.mark.django_db
URL = "/payments/koperasi-a/xendit/notification/"


@pytest.fixture
def connected(shop, xendit):
    connect_xendit(shop["cooperative"])
    return shop


def _replay(client, callback, token=None):
    _url, body, headers = callback
    return client.post(URL, body, content_type="application/json",
                       HTTP_X_CALLBACK_TOKEN=token or headers["x-callback-token"],
                       HTTP_WEBHOOK_ID=headers["webhook-id"])


def _pay(xendit, client, attempt, **options):
    status, answer = xendit.simulate_pay(attempt.reference, notify=False, **options)
    assert status == 200, answer
    return _replay(client, xendit.callbacks[-1])


def _state(order):
    order.refresh_from_db()
    return order.status


def test_an_order_is_paid_by_each_method_when_xendit_says_so(connected, xendit, client):
    for method in ("qris", "va_mandiri", "dana", "ovo", "hosted"):
        order = place_order(connected)
        attempt = order_payment_start(order, method, return_url="https://a.example.test/p")
        shown = attempt.instructions
        if method == "qris":
            assert shown["qr_string"].startswith("000201")
        elif method == "va_mandiri":
            assert shown["bank"] == "mandiri" and shown["va_number"].startswith("8808")
        elif method == "dana":
            assert shown["deeplink_url"].startswith("dana://")
        elif method == "hosted":
            assert shown["redirect_url"].startswith(xendit.url + "/web/invoices/")
        response = _pay(xendit, client, attempt)
        assert response.status_code == 200 and response.content == b"applied", method
        assert _state(order) == OrderStatus.PAID
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.PAID and attempt.paid_amount == 25000


def test_a_callback_without_the_token_is_refused_and_duplicates_change_nothing(
        connected, xendit, client):
    order = place_order(connected)
    attempt = order_payment_start(order, "va_bca")
    xendit.simulate_pay(attempt.reference, notify=False)
    callback = xendit.callbacks[-1]
    assert _replay(client, callback, token="salah").status_code == 400
    assert _state(order) == OrderStatus.UNPAID and not PaymentEvent.objects.exists()
    assert _replay(client, callback).content == b"applied"
    assert _replay(client, callback).content == b"duplicate"
    assert order.events.filter(kind="paid").count() == 1


def test_expiry_frees_the_units_and_reconciliation_finds_a_lost_callback(connected, xendit,
                                                                          client):
    lost = place_order(connected)
    paid_quietly = order_payment_start(lost, "shopeepay")
    xendit.simulate_pay(paid_quietly.reference, notify=False)  # the callback never comes
    assert payment_attempts_reconcile(now=timezone.now() + timedelta(minutes=11)) == 1
    assert _state(lost) == OrderStatus.PAID

    unpaid = place_order(connected, quantity=2)
    order_payment_start(unpaid, "qris")
    assert payment_attempts_expire(now=timezone.now() + timedelta(minutes=16)) == 1
    assert _state(unpaid) == OrderStatus.CANCELLED
    assert Stock.objects.get(variant=connected["variant"]).allocated == 1  # the paid one


def test_refunds_through_xendit_or_by_hand(connected, xendit, client, manager_a):
    wallet = place_order(connected)
    _pay(xendit, client, order_payment_start(wallet, "ovo"))
    order_refund(wallet, manager_a, reason="Stok habis")
    refund = PaymentRefund.objects.get(attempt__payable_id=wallet.pk)
    assert not refund.manual and refund.provider_reference.startswith("rfd-")
    assert xendit.requests[refund.attempt.provider_reference]["refunded"] == 25000

    transfer = place_order(connected)
    _pay(xendit, client, order_payment_start(transfer, "va_bri"))
    order_refund(transfer, manager_a, reason="Dibatalkan")
    assert PaymentRefund.objects.get(attempt__payable_id=transfer.pk).manual
    assert _state(transfer) == OrderStatus.REFUNDED

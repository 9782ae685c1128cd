"""A guest on a 360x740 phone in real Chromium pays an order by QRIS: Midtrans is the
emulator of tests/emulators/midtrans.py (Core API charge and status, signed HTTP
notifications; its documentation is listed there). The test plays the bank app by calling
the emulator's "simulate payment" endpoint; the emulator notifies the live server over HTTP
and the order page, polling, turns to paid by itself."""

import json
import urllib.request

import pytest

from tests.e2e.conftest import no_horizontal_scroll, screenshot
from tests.payments.conftest import MIDTRANS_KEY_A, connect_midtrans

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_guest_pays_by_qris_and_sees_the_order_turn_paid(live_server, phone, emping,
                                                           store_a, midtrans):
    from orders.models import Order
    from payments.models import PaymentAttempt

    connect_midtrans(store_a.cooperative, methods=["qris", "va_bca", "gopay"])
    midtrans.merchant(MIDTRANS_KEY_A,
                      f"{live_server.url}/payments/koperasi-a/midtrans/notification/")
    base = f"{live_server.url}/k/koperasi-a"
    phone.goto(f"{base}/produk/{emping.slug}/")
    phone.click("text=Masukkan keranjang")
    phone.click("text=Lanjut ke pembayaran")
    phone.fill("#id_phone", "0812-3456-7890")
    phone.check("input[value=online]")
    phone.click("button:has-text('Pesan sekarang')")
    phone.click("button:has-text('QRIS')")
    phone.wait_for_selector("[data-qr] svg")
    assert phone.inner_text("[data-amount]").strip() == "Rp25.000"
    assert no_horizontal_scroll(phone)
    screenshot(phone, "pay-by-qris")

    attempt = PaymentAttempt.objects.get()
    request = urllib.request.Request(
        f"{midtrans.url}/simulate/pay", data=json.dumps({"order_id": attempt.reference})
        .encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert json.load(answer) == {"delivered": 200}  # our server took the notification
    phone.wait_for_selector("p.msg strong:has-text('Lunas')", timeout=15000)
    assert Order.objects.get().status == "paid"
    assert "Cek lagi" not in phone.inner_text("main")

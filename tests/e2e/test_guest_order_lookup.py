"""In real Chromium on a 360 px phone: a guest who ordered with a phone number finds the order
again: phone and order number, then the code read from the WhatsApp Cloud API emulator's inbox
(tests/emulators/whatsapp.py), then the order page with the pickup code."""

import re

import pytest

from tests.e2e.conftest import no_horizontal_scroll
from tests.messaging.test_messages import GUEST_PHONE, _guest_order

pytestmark = pytest.mark.django_db(transaction=True)


def _wait_for(condition, page, timeout_ms=10000):
    for _ in range(timeout_ms // 50):
        if condition():
            return True
        page.wait_for_timeout(50)
    return False


def test_a_guest_finds_the_order_with_a_code_from_whatsapp(
        live_server, phone, connected_coop, whatsapp_cloud, published, messages_sent_at_once):
    order = _guest_order(connected_coop, published)
    placed = len(whatsapp_cloud.texts_to(GUEST_PHONE))
    page = phone
    page.goto(f"{live_server.url}/k/koperasi-a/akun/masuk/")
    page.click("text=Pesan tanpa akun? Cari pesanan Anda")
    page.fill("input[name=phone]", "0812 9999 0001")
    page.fill("input[name=number]", order.number)
    page.click("button:has-text('Kirim kode ke saya')")
    page.wait_for_selector("text=kode 6 angka sedang dikirim")
    assert no_horizontal_scroll(page)
    assert _wait_for(lambda: len(whatsapp_cloud.texts_to(GUEST_PHONE)) > placed, page)
    text = whatsapp_cloud.texts_to(GUEST_PHONE)[-1]
    code = re.search(r"\b(\d{6})\b", text).group(1)
    page.fill("input[name=code]", code)
    page.click("button:has-text('Tampilkan pesanan saya')")
    page.wait_for_selector("[data-pickup-code]")
    assert page.locator("[data-pickup-code]").inner_text() == order.pickup_code
    assert f"/pesanan/{order.checkout_token}/" in page.url

"""In real Chromium: a shopper signs up, claims a membership with the code sent to the
member's phone (the WhatsApp Cloud API emulator of tests/emulators/ receives it), then sees
and pays the member price; and a card payment against localstripe completes an order."""

import re

import pytest

from tests.e2e.conftest import no_horizontal_scroll, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_shopper_signs_up_claims_membership_and_pays_the_member_price(
        live_server, phone, emping, store_a, member_rule, register_member, outbox):
    from orders.models import Order

    base = f"{live_server.url}/k/koperasi-a"
    page = phone
    page.goto(f"{base}/produk/{emping.slug}/")
    assert "Anggota membayar Rp22.500" in page.inner_text("main")
    page.click("text=Buat akun")
    page.fill("#id_full_name", "Siti Aminah")
    page.fill("#id_login", "0812-7777-0042")
    page.fill("#id_password", "Melinjo-2026!")
    page.click("button:has-text('Buat akun saya')")
    page.click("text=Hubungkan keanggotaan saya")
    page.fill("#id_member_number", "A-0042")
    page.fill("#id_phone", "0812-3456-0042")
    page.click("button:has-text('Kirim kode ke saya')")
    page.wait_for_selector("#id_code")
    assert outbox and outbox[-1]["phone"] == "+6281234560042"
    code = re.search(r"\b(\d{6})\b", outbox[-1]["message"]).group(1)
    page.fill("#id_code", code)
    page.click("button:has-text('Hubungkan keanggotaan saya')")
    assert "A-0042" in page.inner_text("main")
    page.click("text=Kartu anggota saya")
    assert page.locator(".qr svg").count() == 1
    screenshot(page, "member-card")
    assert no_horizontal_scroll(page)
    for path, name in (("/akun/", "account"), ("/akun/data/", "my-data"),
                       ("/pesanan/", "my-orders")):
        page.goto(base + path)
        screenshot(page, name)
        assert no_horizontal_scroll(page), name
    page.goto(f"{base}/produk/{emping.slug}/")
    assert "Harga anggota Anda" in page.inner_text("main")
    assert "Rp22.500" in page.inner_text(".prices .price")  # under the title
    page.click("text=Masukkan keranjang")
    page.click("text=Lanjut ke pembayaran")
    page.click("button:has-text('Pesan sekarang')")
    page.wait_for_selector("[data-pickup-code]")
    order = Order.objects.get()
    assert order.total == 22500 and order.member.member_number == "A-0042"
    assert "Rp22.500" in page.inner_text("main")


def test_a_card_payment_against_localstripe_completes_the_order(
        live_server, phone, emping, store_a, stripe_on):
    """Real: the browser, the storefront, the PaymentIntent in localstripe over HTTP, and
    payment_sync asking localstripe for its state. Not real: Stripe.js and the Payment Element
    cannot load from Stripe's servers here, so the browser presses the order page's test-mode
    button and the server confirms the PaymentIntent with Stripe's test card."""
    from orders.models import Order

    base = f"{live_server.url}/k/koperasi-a"
    page = phone
    page.route("https://js.stripe.com/**", lambda route: route.abort())
    page.goto(f"{base}/produk/{emping.slug}/")
    page.click("text=Masukkan keranjang")
    page.click("text=Lanjut ke pembayaran")
    page.fill("#id_email", "siti@example.test")
    page.check("input[value=card]")
    page.click("button:has-text('Pesan sekarang')")
    page.wait_for_selector("#payment-element")
    assert Order.objects.get().status == "unpaid"
    page.click("button:has-text('Bayar dengan kartu uji')")
    page.wait_for_selector("[data-pickup-code]")
    assert Order.objects.get().status == "paid"
    assert "Dibayar" in page.inner_text("main") or "Lunas" in page.inner_text("main")
    screenshot(page, "order-paid-by-card")

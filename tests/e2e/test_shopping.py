"""A shopper in real Chromium on a 360x740 phone: search, cart, pickup checkout, the order
with its pickup code; with JavaScript on and off; every main page fits the phone's width."""

import re

import pytest

from tests.e2e.conftest import no_horizontal_scroll, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _guest_buys_emping(page, base, store_name):
    page.goto(f"{base}/")
    page.fill("#q", "emping")
    page.click("form.search button")
    page.click("text=Emping Melinjo Original")
    page.fill("input[name=quantity]", "2")
    page.click("text=Masukkan keranjang")
    assert "Rp50.000" in page.inner_text("main")
    page.click("text=Lanjut ke pembayaran")
    page.fill("#id_phone", "0812-3456-7890")
    assert page.is_checked(f"label:has-text('{store_name}') input")  # pickup by default
    assert page.is_checked("input[value=pay_at_pickup]")  # pay at pickup by default
    page.click("button:has-text('Pesan sekarang')")
    page.wait_for_selector("[data-pickup-code]")
    return page.inner_text("[data-pickup-code]").strip()


def test_a_guest_finds_emping_buys_it_for_pickup_and_sees_the_pickup_code(
        live_server, phone, emping, store_a):
    from orders.models import Order

    base = f"{live_server.url}/k/koperasi-a"
    code = _guest_buys_emping(phone, base, store_a.name)
    screenshot(phone, "order-confirmation")
    assert no_horizontal_scroll(phone)
    order = Order.objects.get()
    assert re.fullmatch(r"\d{6}", code) and code == order.pickup_code
    assert order.total == 50000 and order.payment_method == "pay_at_pickup"
    assert order.number in phone.inner_text("h1")


def test_type_ahead_suggests_product_names_while_typing(live_server, phone, emping):
    phone.goto(f"{live_server.url}/k/koperasi-a/")
    phone.type("#q", "empi", delay=50)
    phone.wait_for_function(
        "document.querySelectorAll('#suggestions option').length > 0")
    assert phone.eval_on_selector("#suggestions option", "o => o.value") == \
        "Emping Melinjo Original"


def test_without_javascript_browsing_and_pickup_checkout_still_work(
        live_server, phone_without_js, emping, store_a, other_seller):
    from orders.models import Order

    base = f"{live_server.url}/k/koperasi-a"
    page = phone_without_js
    page.goto(f"{base}/")
    page.click("text=Makanan Ringan")  # a category
    assert "Emping Melinjo Original" in page.inner_text("main")
    code = _guest_buys_emping(page, base, store_a.name)
    assert code == Order.objects.get().pickup_code


def test_every_main_page_fits_a_phone_screen(live_server, phone, emping, store_a, member_rule):
    base = f"{live_server.url}/k/koperasi-a"
    pages = {"home": "/", "search": "/cari/?q=emping", "category": "/kategori/makanan-ringan/",
             "product": f"/produk/{emping.slug}/", "seller": f"/umkm/{emping.seller.slug}/",
             "sign-up": "/akun/daftar/", "sign-in": "/akun/masuk/"}
    for name, path in pages.items():
        phone.goto(base + path)
        screenshot(phone, name)
        assert no_horizontal_scroll(phone), name
    phone.goto(f"{base}/produk/{emping.slug}/")
    phone.click("text=Masukkan keranjang")
    for name, path in {"cart": "/keranjang/", "checkout": "/bayar/"}.items():
        phone.goto(base + path)
        screenshot(phone, name)
        assert no_horizontal_scroll(phone), name


def test_delivery_with_javascript_shows_the_address_form_then_the_options(
        live_server, phone, emping, store_a, coop_a):
    from orders.models import LocalDeliveryArea, Order

    LocalDeliveryArea.objects.create(cooperative=coop_a, name="Kota Serang", city="Serang",
                                     fee=10000)
    base = f"{live_server.url}/k/koperasi-a"
    page = phone
    page.goto(f"{base}/produk/{emping.slug}/")
    page.click("text=Masukkan keranjang")
    page.click("text=Lanjut ke pembayaran")
    assert not page.is_visible("#delivery") and page.is_visible("#pickup")
    page.check("input[value=delivery]")
    assert page.is_visible("#delivery") and not page.is_visible("#pickup")
    assert not page.is_visible("input[value=pay_at_pickup]")  # does not fit a delivery
    for field, value in {"recipient_name": "Ibu Siti", "street_address": "Jl. Raya Cipare 12",
                         "rt_rw": "003/007", "village": "Cipare", "district": "Serang",
                         "city": "Kota Serang", "province": "Banten", "postal_code": "42117",
                         "phone": "0812-5555-6666"}.items():
        page.fill(f"#id_{field}", value)
    page.check("input[value=cash_on_delivery]")
    page.click("button:has-text('Pesan sekarang')")
    page.wait_for_selector("input[name=delivery_option]")
    assert page.is_visible("#delivery")  # the choice is kept after the round trip
    page.check("input[name=delivery_option]")
    page.click("button:has-text('Pesan sekarang')")
    page.wait_for_selector("text=Alamat pengiriman")
    screenshot(page, "order-delivery")
    assert no_horizontal_scroll(page)
    order = Order.objects.get()
    assert (order.total, order.delivery_method, order.payment_method) == (
        35000, "local_delivery", "cash_on_delivery")

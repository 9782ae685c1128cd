"""Issue 15, the shopper's part, through Django's test client (real PostgreSQL): what a
shopper on a cheap phone reads, in the order they read it. The browser checks (no sideways
scroll, focus, axe-core) are in tests/e2e/test_phone_shopper.py."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory

from backend.graphql.view import CoopMartGraphQLView
from orders.models import LocalDeliveryArea, Order
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

A = "/k/koperasi-a"
ROOT = Path(__file__).resolve().parents[2]
ADDRESS = {"recipient_name": "Ibu Siti", "street_address": "Jl. Raya Cipare No. 12",
           "rt_rw": "003/007", "village": "Cipare", "district": "Serang", "city": "Kota Serang",
           "province": "Banten", "postal_code": "42117", "phone": "0812-5555-6666"}


def text(response) -> str:
    return response.content.decode()


def _add(client, emping, quantity=1):
    client.post(f"{A}/keranjang/tambah/", {"variant": emping.variants.get().pk,
                                           "quantity": quantity})


# 1. Product page
def test_the_price_stands_under_the_title_and_a_bottom_bar_holds_price_and_button(
        client, emping, member_rule):
    page = text(client.get(f"{A}/produk/{emping.slug}/"))
    title, prices = page.index("<h1>"), page.index('class="prices"')
    assert title < prices < page.index('class="pricebox"')
    assert re.search(r'class="prices"><span class="price">Rp25\.000</span> '
                     r'<span class="price member">Anggota membayar Rp22\.500</span>', page)
    bar = page[page.index('class="buybar"'):]
    assert "Rp25.000" in bar
    form_id = re.search(r'<form class="pricebox" id="(buy-\d+)"', page).group(1)
    assert re.search(rf'<button type="submit" form="{form_id}">Masukkan keranjang</button>',
                     bar)


# 2. Failed checkout
def test_a_failed_checkout_lists_every_problem_at_the_top_linked_to_its_field(
        client, emping, store_a):
    _add(client, emping)
    page = text(client.get(f"{A}/bayar/"))
    assert page.index('id="id_phone"') < page.index('id="id_email"')  # phone first
    response = client.post(f"{A}/bayar/", {"phone": "12", "store": store_a.pk,
                                           "payment": "pay_at_pickup"})
    page = text(response)
    assert response.status_code == 400 and not Order.objects.exists()
    summary = re.search(r'<div class="summary" id="error-summary" tabindex="-1" role="alert" '
                        r'autofocus>(.*?)</div>', page, re.S)
    assert summary and page.index('id="error-summary"') < page.index("<table")
    links = re.findall(r'<a href="#(id_\w+)">', summary.group(1))
    assert links == ["id_phone"]
    assert 'id="id_phone-error"' in page  # and beside the field


# 3. Delivery costs before the order
def test_see_delivery_costs_shows_the_options_and_the_total_without_placing_an_order(
        client, emping, store_a, coop_a):
    LocalDeliveryArea.objects.create(cooperative=coop_a, name="Kurir koperasi", city="Serang",
                                     fee=10000)
    _add(client, emping)
    page = text(client.get(f"{A}/bayar/"))
    assert 'name="preview"' in page and "Lihat ongkir" in page
    response = client.post(f"{A}/bayar/", {**ADDRESS, "receive": "delivery", "preview": "1"})
    page = text(response)
    assert response.status_code == 200 and 'id="error-summary"' not in page
    option = re.search(r'name="delivery_option" value="([^"]+)"', page).group(1)
    assert "Kurir koperasi · Rp10.000" in page
    chosen = text(client.post(f"{A}/bayar/", {**ADDRESS, "receive": "delivery", "preview": "1",
                                              "delivery_option": option}))
    assert re.search(r"data-total>Rp35\.000<", chosen)
    assert "Pesan sekarang · Rp35.000" in chosen
    assert not Order.objects.exists()


def test_see_delivery_costs_with_an_incomplete_address_says_what_is_missing(
        client, emping, coop_a):
    _add(client, emping)
    page = text(client.post(f"{A}/bayar/", {**ADDRESS, "city": "", "receive": "delivery",
                                            "preview": "1"}))
    assert 'id="id_city-error"' in page and 'name="delivery_option" value' not in page
    assert not Order.objects.exists()


# 4. Stock per size
def test_stock_per_store_is_told_per_size(client, published, store_a):
    from catalog.models import ProductVariant
    from inventory.services import stock_receive

    small = published.variants.get()
    large = ProductVariant.objects.create(cooperative=published.cooperative, product=published,
                                          sku="EMP-500", name="500 g",
                                          price=45000, weight_grams=500)
    small.name = "250 g"
    small.save()
    stock_receive(small, store_a, 75)
    stock_receive(large, store_a, 67)
    page = text(client.get(f"{A}/produk/{published.slug}/"))
    assert "250 g: 75 tersisa" in page and "500 g: 67 tersisa" in page
    assert "142" not in page


# 5. Pickup stores
def test_pickup_stores_show_their_address_and_opening_hours(client, emping, store_a):
    store_a.street_address, store_a.city = "Jl. Cipare No. 3", "Kota Serang"
    store_a.opening_hours = "07.00–21.00"
    store_a.save()
    _add(client, emping)
    page = text(client.get(f"{A}/bayar/"))
    assert re.search(r'<strong>Kopmart Cipare</strong><span class="store-info">Jl\. Cipare '
                     r'No\. 3, Kota Serang</span><span class="store-info">Buka 07\.00–21\.00'
                     r'</span>', page)


# 7. SHU page and order wording
def test_the_shu_page_sits_in_the_store_with_a_way_back(client, coop_a, settings):
    user = make_user(email="siti@x.test")
    client.force_login(user)
    page = text(client.get(f"{A}/akun/shu/"))
    assert 'class="top"' in page and "Koperasi A" in page  # the store's header
    assert f'href="{A}/akun/">← Kembali ke akun saya' in page


def test_a_pay_at_pickup_order_reads_pay_at_the_store_and_no_code_after_completed(
        client, emping, store_a):
    _add(client, emping)
    done = client.post(f"{A}/bayar/", {"phone": "0812-3456-7890", "store": store_a.pk,
                                       "payment": "pay_at_pickup"})
    page = text(client.get(done["Location"]))
    assert "<strong>Bayar di toko saat mengambil</strong>" in page
    assert "Menunggu pembayaran" not in page and "data-pickup-code" in page
    Order.objects.update(status="completed")  # handed over at the store
    page = text(client.get(done["Location"]))
    assert "<strong>Selesai</strong>" in page and "data-pickup-code" not in page
    assert "sudah Anda ambil di Kopmart Cipare" in page


# 8. Cart
def test_the_cart_has_a_stepper_one_word_for_quantity_and_a_separate_remove(client, emping):
    _add(client, emping, 2)
    vid = emping.variants.get().pk
    page = text(client.get(f"{A}/keranjang/"))
    assert "Jml" not in page and "<th class=\"num\">Jumlah barang</th>" in page
    assert f'name="step" value="{vid}:1"' in page and f'name="step" value="{vid}:-1"' in page
    assert re.search(r'</span>\s*<p class="remove"><button', page)  # not against the box
    client.post(f"{A}/keranjang/", {f"qty-{vid}": 2, "step": f"{vid}:1"})
    assert "Rp75.000" in text(client.get(f"{A}/keranjang/"))
    client.post(f"{A}/keranjang/", {f"qty-{vid}": 3, "step": f"{vid}:-1"})
    assert "Rp50.000" in text(client.get(f"{A}/keranjang/"))


# 10. Text size
def test_no_store_text_is_set_below_16_px():
    css = (ROOT / "storefront/templates/storefront/shop/style.css").read_text()
    sizes = [float(n) for n in re.findall(r"font-size:\s*([\d.]+)rem", css)]
    assert sizes and min(sizes) >= 1
    assert not re.search(r"font-size:\s*\d+px", css)


# 26. GraphiQL offline
def test_graphiql_loads_every_script_and_style_from_the_project():
    view = CoopMartGraphQLView.as_view(graphiql=True)
    request = RequestFactory().get("/graphql/", HTTP_ACCEPT="text/html")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    page = view(request).content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
    assert len(assets) >= 8 and not [a for a in assets if "//" in a]
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset


# 27. Small things everywhere
def test_favicon_phone_format_language_names_and_dashboard_description(client, emping, coop_a):
    coop_a.phone = "+6281234567890"
    coop_a.save()
    page = text(client.get(f"{A}/"))
    assert '<link rel="icon" href="/static/favicon.svg"' in page
    assert finders.find("favicon.svg")
    assert "+62 812-3456-7890" in page
    assert re.search(r'<option value="en" lang="en">English</option>', page)
    assert "Inggris" not in page
    sign_in = text(client.get("/masuk/"))
    assert re.search(r'<meta name="description" content="[^"]{20,}">', sign_in)
    assert '<link rel="icon" href="/static/favicon.svg"' in sign_in


def test_the_container_image_carries_the_translations():
    assert re.search(r"^COPY locale locale$", (ROOT / "Dockerfile").read_text(), re.M)

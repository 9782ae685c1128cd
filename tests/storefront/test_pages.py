"""Storefront pages through Django's test client: what a shopper sees, at the store's own
host and under /k/<slug>/, in Bahasa Indonesia first."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db

A = "/k/koperasi-a"


def text(response) -> str:
    return response.content.decode()


def test_home_shows_categories_new_products_and_umkm_sellers(client, emping, other_seller):
    page = text(client.get(f"{A}/"))
    assert "Makanan Ringan" in page and "Emping Melinjo Original" in page
    assert "Rp25.000" in page
    assert "Emping Bu Yati" in page and "Keripik Pak Ujang" in page
    assert 'lang="id"' in page and "Keranjang" in page  # Bahasa Indonesia first


def test_the_store_answers_on_its_own_host_name(client, emping):
    page = text(client.get("/", HTTP_HOST="a.example.test"))
    assert "Emping Melinjo Original" in page
    assert 'href="/produk/emping-melinjo-original/"' in page


def test_a_host_without_a_cooperative_lists_the_stores(client, coop_a, coop_b):
    page = text(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Pilih toko koperasi Anda." in page
    assert f'href="{A}/"' in page and 'href="/k/koperasi-b/"' in page


def test_english_is_available(client, emping):
    assert 'lang="id"' in text(client.get(f"{A}/", HTTP_ACCEPT_LANGUAGE="en-US,en"))
    client.post("/i18n/setlang/", {"language": "en", "next": f"{A}/"})
    page = text(client.get(f"{A}/"))
    assert 'lang="en"' in page and "Cart" in page and "New products" in page


def test_search_finds_emping_and_filters_narrow_it(client, emping, other_seller):
    from catalog.services import products

    products.product_create(other_seller, {"name": "Keripik Singkong Pedas"},
                            [{"sku": "KRP-1", "price": 12000}])
    page = text(client.get(f"{A}/cari/", {"q": "emping"}))
    assert "Emping Melinjo Original" in page
    assert text(client.get(f"{A}/cari/", {"q": "emping", "harga_max": 20000})).count(
        "Emping Melinjo Original") == 0
    assert "Emping Melinjo Original" in text(client.get(
        f"{A}/cari/", {"halal": "on", "tersedia": "on", "urut": "price-desc"}))
    bad = client.get(f"{A}/cari/", {"harga_min": "murah"})
    assert re.search(r'id="id_harga_min".*?<p class="error" role="alert">', text(bad), re.S)


def test_category_page_and_type_ahead(client, emping):
    page = text(client.get(f"{A}/kategori/{emping.category.slug}/"))
    assert "<h1>Makanan Ringan</h1>" in page and "Emping Melinjo Original" in page
    assert client.get(f"{A}/cari/saran/", {"q": "empi"}).json() == {
        "suggestions": ["Emping Melinjo Original"]}


def test_product_page_shows_price_member_price_badges_seller_and_stores(
        client, emping, member_rule):
    page = text(client.get(f"{A}/produk/{emping.slug}/"))
    assert "Rp25.000" in page
    assert "Anggota membayar Rp22.500" in page  # what a member would pay
    assert "ID32110000123456" in page and "2063604010123-25" in page  # halal, P-IRT
    assert "Kopmart Cipare" in page and "10 tersisa" in page
    assert f'<link rel="canonical" href="http://testserver{A}/produk/{emping.slug}/">' in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page,
                              re.S).group(1))
    assert ld["@type"] == "Product" and ld["offers"]["priceCurrency"] == "IDR"
    assert ld["offers"]["price"] == "25000"


def test_units_held_in_someone_elses_cart_are_not_offered(client, emping):
    from django.test import Client

    other = Client()
    other.post(f"{A}/keranjang/tambah/", {"variant": emping.variants.get().pk, "quantity": 3})
    assert "7 tersisa" in text(client.get(f"{A}/produk/{emping.slug}/"))


def test_a_description_never_runs_script(client, emping):
    from catalog.models import Product

    Product.objects.filter(pk=emping.pk).update(
        description="<p>Renyah</p><script>alert(1)</script><img src=x onerror=alert(2)>")
    page = text(client.get(f"{A}/produk/{emping.slug}/"))
    assert "<p>Renyah</p>" in page and "alert(1)" not in page and "onerror" not in page


def test_seller_page_tells_the_story_and_lists_products(client, emping, seller):
    seller.story = "Emping dari melinjo kebun sendiri."
    seller.save()
    page = text(client.get(f"{A}/umkm/{seller.slug}/"))
    assert "Emping dari melinjo kebun sendiri." in page and "Emping Melinjo Original" in page


def test_another_cooperatives_store_never_shows_this_ones_products(client, emping, coop_b):
    for url in ("/k/koperasi-b/", "/k/koperasi-b/cari/?q=emping"):
        assert "Emping" not in text(client.get(url))
    assert client.get(f"/k/koperasi-b/produk/{emping.slug}/").status_code == 404
    assert client.get(f"/k/koperasi-b/umkm/{emping.seller.slug}/").status_code == 404
    assert client.get(f"/produk/{emping.slug}/", HTTP_HOST="b.example.test").status_code == 404
    assert "Emping" not in text(client.get("/sitemap.xml", HTTP_HOST="b.example.test"))
    assert client.get("/k/no-such-coop/").status_code == 404


def _add(client, emping, quantity=2):
    return client.post(f"{A}/keranjang/tambah/", {
        "variant": emping.variants.get().pk, "quantity": quantity})


def test_a_guest_buys_for_pickup_and_sees_the_pickup_code(client, emping, store_a):
    response = _add(client, emping)
    assert response.status_code == 302
    cart = text(client.get(f"{A}/keranjang/"))
    assert "Rp50.000" in cart
    checkout = client.get(f"{A}/bayar/")
    assert "Kopmart Cipare" in text(checkout)
    response = client.post(f"{A}/bayar/", {"phone": "0812-3456-7890", "store": store_a.pk,
                                           "payment": "pay_at_pickup"})
    assert response.status_code == 302, text(response)
    page = text(client.get(response["Location"]))
    code = re.search(r"data-pickup-code>(\d{6})<", page).group(1)
    from orders.models import Order

    order = Order.objects.get()
    assert order.pickup_code == code and order.total == 50000 and order.phone == "+6281234567890"
    assert order.number in page and "Rp50.000" in page
    assert "Keranjang kosong" in text(client.get(f"{A}/keranjang/")) or "kosong" in text(
        client.get(f"{A}/keranjang/"))


def test_checkout_errors_stand_next_to_the_field_and_change_nothing(client, emping, store_a):
    _add(client, emping)
    response = client.post(f"{A}/bayar/", {"phone": "12", "store": store_a.pk,
                                           "payment": "pay_at_pickup"})
    assert response.status_code == 400
    page = text(response)
    assert re.search(r'id="id_phone".*?<p class="error" role="alert" id="id_phone-error">',
                     page, re.S)
    from orders.models import Order

    assert not Order.objects.exists()


def test_the_cart_updates_quantities_and_refuses_a_bad_voucher(client, emping):
    _add(client, emping, 1)
    vid = emping.variants.get().pk
    client.post(f"{A}/keranjang/", {f"qty-{vid}": 3})
    assert "Rp75.000" in text(client.get(f"{A}/keranjang/"))
    response = client.post(f"{A}/keranjang/", {"voucher": "TIDAKADA"})
    assert response.status_code == 400 and 'role="alert"' in text(response)


def test_sign_up_claim_membership_and_pay_the_member_price(
        client, emping, member_rule, register_member, outbox, store_a,
        django_capture_on_commit_callbacks):
    response = client.post(f"{A}/akun/daftar/", {
        "full_name": "Siti Aminah", "login": "siti@example.test", "password": "Melinjo-2026!"})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{A}/akun/anggota/", {"member_number": "A-0042",
                                                      "phone": "0812-3456-0042"})
    assert response.status_code == 302
    code = re.search(r"\b(\d{6})\b", outbox[-1]["message"]).group(1)
    wrong = client.post(f"{A}/akun/anggota/kode/", {"code": "000000" if code != "000000"
                                                   else "111111"})
    assert wrong.status_code == 400 and "salah" in text(wrong)
    assert client.post(f"{A}/akun/anggota/kode/", {"code": code}).status_code == 302
    assert "Rp22.500" in text(client.get(f"{A}/produk/{emping.slug}/"))
    _add(client, emping, 1)
    response = client.post(f"{A}/bayar/", {"store": store_a.pk, "payment": "pay_at_pickup"})
    assert response.status_code == 302, text(response)
    from orders.models import Order

    assert Order.objects.get().total == 22500
    assert "A-0042" in text(client.get(f"{A}/akun/"))
    card = text(client.get(f"{A}/akun/kartu/"))
    assert "<svg" in card and "A-0042" in card
    assert Order.objects.get().number in text(client.get(f"{A}/pesanan/"))
    mine = text(client.get(f"{A}/akun/harga-anggota/"))
    assert "Emping Melinjo Original" in mine and "Rp22.500" in mine


def test_sign_in_with_phone_and_a_wrong_password_is_said_next_to_the_field(client, coop_a):
    from tests.conftest import PASSWORD, make_user

    make_user(phone="+6281299990000")
    bad = client.post(f"{A}/akun/masuk/", {"login": "081299990000", "password": "salah"})
    assert bad.status_code == 400 and 'role="alert"' in text(bad)
    ok = client.post(f"{A}/akun/masuk/", {"login": "0812-9999-0000", "password": PASSWORD})
    assert ok.status_code == 302


def test_a_member_downloads_and_erases_their_data(client, coop_a, register_member):
    from tests.conftest import make_user

    user = make_user(email="siti@example.test")
    register_member.user = user
    register_member.save()
    client.force_login(user)
    download = client.post(f"{A}/akun/data/unduh/")
    assert json.loads(download.content)["member_number"] == "A-0042"
    client.post(f"{A}/akun/data/hapus/", {"confirm": "yes"})
    register_member.refresh_from_db()
    assert register_member.anonymised_at is not None and register_member.phone == ""


def test_sitemap_lists_the_stores_pages(client, emping):
    body = text(client.get(f"{A}/sitemap.xml"))
    assert f"http://testserver{A}/produk/{emping.slug}/" in body
    assert "Sitemap:" in text(client.get("/robots.txt", HTTP_HOST="a.example.test"))


def test_existing_pages_keep_working(client, coop_a):
    assert client.get("/masuk/").status_code == 200
    assert client.get("/akun/sandi-baru/?email=a@b.test&token=x").status_code == 200


def test_photos_are_webp_with_a_jpeg_fallback_and_load_lazily_in_listings(
        client, emping, settings, tmp_path):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from catalog.models import ProductMedia
    from catalog.services.media import thumbnails_store

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (150, 90, 30)).save(buffer, "JPEG")
    media = ProductMedia(cooperative=emping.cooperative, product=emping, width=1200,
                         height=900, alt="Emping dalam kemasan")
    media.image.save("emping.jpg", ContentFile(buffer.getvalue()), save=False)
    media.thumbnails = thumbnails_store("products/thumbnails/t", buffer.getvalue())
    media.save()
    listing = text(client.get(f"{A}/cari/", {"q": "emping"}))
    assert re.search(r'<source type="image/webp" srcset="[^"]+256\.webp">', listing)
    assert re.search(r'<img src="[^"]+256\.jpg" alt="Emping dalam kemasan" loading="lazy"',
                     listing)
    page = text(client.get(f"{A}/produk/{emping.slug}/"))
    assert "512.webp 512w" in page and "512.jpg 512w" in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page,
                              re.S).group(1))
    assert ld["image"].endswith("512.jpg")


def test_a_guest_who_signs_in_keeps_the_cart_and_gets_member_prices(
        client, emping, member_rule, register_member):
    from tests.conftest import PASSWORD, make_user

    user = make_user(email="siti@example.test")
    register_member.user = user
    register_member.save()
    _add(client, emping, 2)
    assert "Rp50.000" in text(client.get(f"{A}/keranjang/"))
    client.post(f"{A}/akun/masuk/", {"login": "siti@example.test", "password": PASSWORD})
    cart = text(client.get(f"{A}/keranjang/"))
    assert "Rp45.000" in cart and "harga anggota" in cart


def test_listing_pages_cost_the_same_queries_whatever_the_number_of_products(
        client, emping, seller, settings):
    settings.SEARCH_CACHE_SECONDS = 0  # every search does all its work, both times
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalog.models import Product, ProductStatus
    from catalog.services import products

    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = [f"{A}/", f"{A}/cari/?q=emping", f"{A}/umkm/{seller.slug}/"]
    for url in urls:
        count(url)  # caches filled once (the cooperative's words for typo tolerance)
    before = [count(url) for url in urls]
    for n in range(6):
        made = products.product_create(seller, {"name": f"Emping Pedas {n}",
                                                "category": emping.category},
                                       [{"sku": f"EMP-P{n}", "price": 20000 + n}])
        Product.objects.filter(pk=made.pk).update(status=ProductStatus.PUBLISHED)
    assert [count(url) for url in urls] == before


def test_account_pages_ask_a_guest_to_sign_in_and_come_back(client, coop_a):
    for path in ("/akun/", "/akun/anggota/", "/akun/kartu/", "/akun/harga-anggota/",
                 "/akun/data/", "/pesanan/"):
        response = client.get(f"{A}{path}")
        assert response["Location"] == f"{A}/akun/masuk/?next={A}{path}"


def test_each_store_wears_its_cooperatives_colour(client, coop_a, gql, manager_a):
    gql.login(manager_a)
    from graphql_relay import to_global_id

    update = """mutation($id: ID!, $c: String!) { cooperativeUpdate(id: $id,
        input: {brandColour: $c}) { cooperative { brandColour } errors { field code } } }"""
    coop = to_global_id("Cooperative", coop_a.pk)
    bad = gql(update, {"id": coop, "c": "merah"})["cooperativeUpdate"]
    assert bad["errors"] == [{"field": "brandColour", "code": "INVALID"}]
    assert gql(update, {"id": coop, "c": "#8a1a1a"})["cooperativeUpdate"]["errors"] == []
    assert ":root{--brand:#8a1a1a}" in text(client.get(f"{A}/"))

"""Issue 15, the seller's and the manager's items left after the shopper's: each test is
where one numbered item can fail."""

import re

import pytest

from catalog.models import Product
from inventory.models import Location
from inventory.services import stock_receive
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from orders.services.lifecycle import order_mark_paid
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_12_the_description_box_shows_words_not_tags(client, seller, published):
    Product.objects.filter(pk=published.pk).update(
        description="<p>Renyah &amp; <strong>gurih</strong>.</p><p>Tanpa pengawet</p>")
    client.force_login(seller.owner)
    url = f"/penjual/{seller.pk}/produk/{published.pk}/"
    page = client.get(url).content.decode()
    box = page.split('name="product-description"')[1].split("</textarea>")[0]
    assert "&lt;p&gt;" not in box and "<p>" not in box
    assert "Renyah &amp; gurih.\n\nTanpa pengawet" in box
    # Saved unchanged, the formatting stays; typed text is shown as typed, tags and all.
    form = {"product-name": published.name, "product-description":
            "Renyah & gurih.\r\n\r\nTanpa pengawet"}
    client.post(url, form)
    published.refresh_from_db()
    assert "<strong>gurih</strong>" in published.revision.description
    client.post(url, {**form, "product-description": "Pedas <b>sekali</b>\r\n\r\nBaru"})
    published.refresh_from_db()
    assert published.revision.description == "<p>Pedas &lt;b&gt;sekali&lt;/b&gt;</p><p>Baru</p>"
    box = client.get(url).content.decode().split('name="product-description"')[1]
    assert box.split("</textarea>")[0].endswith("Pedas &lt;b&gt;sekali&lt;/b&gt;\n\nBaru")


@pytest.fixture
def store(coop_a):
    return Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")


def _order(coop_a, published, store, payment_method=None, email="siti@example.test"):
    stock_receive(published.variants.get(), store, 3)
    shopper = make_user(email=email)
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {published.variants.get().pk: 3})
    return checkout_complete(checkout, shopper, payment_method)


def test_16_today_counts_a_new_pickup_order_paid_at_the_store(client, manager_a, coop_a,
                                                               published, store):
    order = _order(coop_a, published, store)
    assert (order.status, order.payment_method) == ("unpaid", "pay_at_pickup")
    client.force_login(manager_a)
    page = client.get("/kelola/koperasi-a/").content.decode()
    cards = {text.strip(): int(n) for n, text in re.findall(
        r'<a class="card"[^>]*><strong>(\d+)</strong>([^<]+)</a>', page)}
    assert cards["pesanan untuk disiapkan"] == 1
    assert cards["pesanan ambil, dibayar di toko"] == 1
    assert "Rp75.000" in page  # today's sales


def test_17_hand_over_waits_for_packing_and_a_wrong_code_is_an_error(client, manager_a, coop_a,
                                                                     published, store):
    order = _order(coop_a, published, store)
    client.force_login(manager_a)
    url = f"/kelola/koperasi-a/pesanan/{order.number}/"
    client.post(url + "aksi/mark_paid/")
    refused = client.post(url + "aksi/hand_over/", {"pickup_code": order.pickup_code},
                          follow=True).content.decode()
    order.refresh_from_db()
    assert order.status == "paid"
    assert re.search(r'<p class="alert" role="alert">[^<]*Emping Melinjo Original', refused)
    wrong = "000000" if order.pickup_code != "000000" else "111111"
    page = client.post(url + "aksi/hand_over/", {"pickup_code": wrong}, follow=True)
    assert re.search(r'<p class="alert" role="alert">[^<]*kode', page.content.decode(), re.I)
    assert 'class="notice"' not in page.content.decode()
    client.post(url + "aksi/lines_ready/")
    client.post(url + "aksi/hand_over/", {"pickup_code": order.pickup_code})
    order.refresh_from_db()
    assert order.status == "completed"
    done = client.get(url).content.decode()
    assert "Selesai" in done and "Perlu disiapkan" not in done


def test_14_the_seller_sees_whether_an_order_is_paid(client, seller, coop_a, published, store):
    coop_a.bank_transfer_instructions = "BRI 0123 a.n. Koperasi A"
    coop_a.save()
    transfer = _order(coop_a, published, store, "bank_transfer")
    client.force_login(seller.owner)
    page = client.get(f"/penjual/{seller.pk}/pesanan/").content.decode()
    card = page.split(transfer.number)[1]
    assert "Belum dibayar" in card and 'class="warning"' in card
    order_mark_paid(transfer, None)
    card = client.get(f"/penjual/{seller.pk}/pesanan/").content.decode().split(
        transfer.number)[1]
    assert "Sudah dibayar" in card and "Belum dibayar" not in card

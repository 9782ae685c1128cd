"""Issue 15, the seller's and the manager's items left after the shopper's: each test is
where one numbered item can fail."""

import re

import pytest

from backend.accounts.models import StaffMembership
from catalog.models import Product
from inventory.models import Location
from inventory.services import stock_receive
from members.models import Member
from orders.models import Voucher
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from orders.services.lifecycle import order_hand_over, order_mark_paid
from tests.conftest import PASSWORD, make_user

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


def _signs_in_to(client, user, next_=None) -> str:
    client.logout()
    response = client.post("/masuk/" + (f"?next={next_}" if next_ else ""),
                           {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def test_18_signing_in_lands_each_person_on_their_home(client, coop_a, manager_a, seller):
    assert _signs_in_to(client, manager_a) == "/kelola/koperasi-a/"
    assert _signs_in_to(client, seller.owner) == f"/penjual/{seller.pk}/"
    member = make_user(email="anggota@example.test")
    Member.objects.create(cooperative=coop_a, member_number="A-9", full_name="Ani", user=member)
    assert _signs_in_to(client, member) == "/k/koperasi-a/"
    assert _signs_in_to(client, make_user(email="tamu@example.test")) == "/"
    StaffMembership.objects.create(user=seller.owner, cooperative=coop_a, role="cashier")
    assert _signs_in_to(client, seller.owner) == "/dasbor/"  # a shop and a cooperative
    assert _signs_in_to(client, manager_a, "/kelola/koperasi-a/stok/") == \
        "/kelola/koperasi-a/stok/"


def _described_by_targets_missing(page: str) -> list[str]:
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    wanted = [name for value in re.findall(r'aria-describedby="([^"]+)"', page)
              for name in value.split()]
    assert wanted, "no field is described on this page"
    return [name for name in wanted if name not in ids]


def test_21_field_help_and_errors_exist_and_sign_in_says_what_is_wrong(client, seller):
    empty = client.post("/masuk/", {"username": "", "password": ""})
    page = empty.content.decode()
    assert empty.status_code == 400 and page.count('role="alert"') == 2
    assert _described_by_targets_missing(page) == []
    wrong = client.post("/masuk/", {"username": seller.owner.email, "password": "salah"})
    assert "nomor HP" in wrong.content.decode()
    client.force_login(seller.owner)
    pages = [client.get(f"/penjual/{seller.pk}/produk/baru/"),  # help texts
             client.post(f"/penjual/{seller.pk}/produk/baru/", {"variant-price": "x"}),
             client.post(f"/penjual/{seller.pk}/toko/", {"phone": ""}),
             client.post("/k/koperasi-a/akun/daftar/", {"login": "x"})]
    for response in pages:
        assert _described_by_targets_missing(response.content.decode()) == [], response


def test_15_the_product_list_shows_stock_and_sold_per_size(client, seller, coop_a, published,
                                                          store):
    order = _order(coop_a, published, store)  # 3 received, 3 ordered
    stock_receive(published.variants.get(), store, 2)
    order_mark_paid(order, None)
    order.lines.update(fulfilment="ready")
    order_hand_over(order, None, pickup_code=order.pickup_code)
    client.force_login(seller.owner)
    page = client.get(f"/penjual/{seller.pk}/produk/").content.decode()
    row = page.split("Emping Melinjo Original")[1]
    assert "Stok: 2" in row and "Terjual: 3" in row


def test_22_reports_draw_svg_charts_without_javascript(client, manager_a, coop_a, published,
                                                        store):
    order = _order(coop_a, published, store)
    order_mark_paid(order, None)
    order.lines.update(fulfilment="ready")
    order_hand_over(order, None, pickup_code=order.pickup_code)
    client.force_login(manager_a)
    page = client.get("/kelola/koperasi-a/laporan/").content.decode()
    charts = re.findall(r'<figure class="chart".*?</figure>', page, re.S)
    assert len(charts) == 4 and all("<svg" in chart for chart in charts)
    assert "<script" not in page and "kozea.github.io" not in page  # no JavaScript, no CDN
    by_channel, by_seller, members = charts[1], charts[2], charts[3]
    assert "Rp75.000" in by_channel and "Ambil di" in page  # and the table by pickup/delivery
    assert "Emping Bu Yati" in by_seller and "Rp75.000" in by_seller
    assert "Bukan anggota" in members
    sizes = [float(size) for size in re.findall(r"font-size:\s*([\d.]+)px", page.split(
        '<div class="charts">')[1].split("</div>")[0])]
    assert sizes and min(sizes) >= 16


def test_25_vouchers_are_made_and_switched_off_in_the_console(client, manager_a, coop_a,
                                                              manager_b):
    client.force_login(manager_a)
    url = "/kelola/koperasi-a/voucher/"
    bad = client.post(url, {"code": "HEMAT", "kind": "percent", "value": "150"})
    assert bad.status_code == 400 and not Voucher.objects.exists()
    assert "100 persen" in bad.content.decode()
    client.post(url, {"code": "hemat5", "kind": "fixed", "value": "Rp5.000",
                      "min_spend": "50.000", "ends": "2099-12-31"})
    voucher = Voucher.objects.get()
    assert (voucher.code, voucher.value, voucher.min_spend) == ("HEMAT5", 5000, 50000)
    page = client.get(url).content.decode()
    assert "HEMAT5" in page and "Rp5.000" in page and "Rp50.000" in page
    client.force_login(manager_b)
    assert client.post(f"/kelola/koperasi-b/voucher/{voucher.pk}/matikan/").status_code == 404
    client.force_login(manager_a)
    client.post(f"{url}{voucher.pk}/matikan/")
    voucher.refresh_from_db()
    assert not voucher.is_active


def test_24_an_order_prints_as_an_a4_invoice_or_a_58_mm_receipt(client, manager_a, coop_a,
                                                                 published, store):
    order = _order(coop_a, published, store)
    client.force_login(manager_a)
    url = f"/kelola/koperasi-a/pesanan/{order.number}/struk/"
    assert url in client.get(f"/kelola/koperasi-a/pesanan/{order.number}/").content.decode()
    invoice = client.get(url).content.decode()
    assert "Faktur" in invoice and order.number in invoice and "Rp75.000" in invoice
    assert "size: A4" in invoice and "@media print" in invoice
    roll = client.get(url + "?ukuran=58").content.decode()
    assert "Struk" in roll and "size: 58mm auto" in roll and "3 × Rp25.000" in roll

"""The seller portal and the manager console in a real browser (Chromium): the jobs the
issue names, done the way a seller or a manager does them, with screenshots at phone and
desktop sizes."""

import re

import pytest

from catalog.models import Product, Seller
from tests.conftest import PASSWORD, make_staff, make_user
from tests.e2e.conftest import no_horizontal_scroll, screenshot
from tests.fixtures_catalog import image_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    yield context.new_page()
    context.close()


def sign_in(page, base, login):
    page.goto(f"{base}/masuk/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def photo_path(tmp_path):
    path = tmp_path / "emping.jpg"
    path.write_bytes(image_file().read())
    return str(path)


def test_seller_registers_adds_a_photo_product_and_shoppers_find_it(
        live_server, phone, desktop, coop_a, category_a, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    make_user(email="bu.ratna@example.test", full_name="Ratna")
    manager = make_staff(coop_a, email="manajer@example.test")

    sign_in(phone, base, "bu.ratna@example.test")
    phone.goto(f"{base}/penjual/daftar/?koperasi=koperasi-a")
    phone.fill("#id_business_name", "Emping Bu Ratna")
    phone.fill("#id_owner_name", "Ratna")
    phone.fill("#id_phone", "0812-7777-1111")
    phone.click("text=Daftarkan toko saya")
    phone.wait_for_selector("text=Koperasi sedang memeriksa toko Anda")
    assert no_horizontal_scroll(phone)
    screenshot(phone, "dashboard-seller-home-phone")
    seller = Seller.objects.get()

    sign_in(desktop, base, manager.email)
    desktop.goto(f"{base}/kelola/koperasi-a/tinjau/")
    desktop.click("text=Setujui")
    desktop.wait_for_selector("text=Emping Bu Ratna disetujui.")

    phone.goto(f"{base}/penjual/{seller.pk}/produk/baru/")
    phone.fill("#id_product-name", "Emping Melinjo Pedas")
    phone.select_option("#id_product-category", str(category_a.pk))
    phone.fill("#id_variant-sku", "EMP-PDS")
    phone.fill("#id_variant-price", "18000")
    phone.click("button:has-text('Simpan')")
    phone.wait_for_selector("text=Produk disimpan sebagai draf")
    phone.click("text=Tambah atau ambil foto")
    phone.set_input_files("input[type=file]", photo_path(tmp_path))
    phone.click("text=Tambahkan foto")
    phone.wait_for_selector("img")
    product = Product.objects.get()
    phone.goto(f"{base}/penjual/{seller.pk}/produk/{product.pk}/")
    phone.click("text=Ajukan untuk ditinjau")
    phone.wait_for_selector("text=Diajukan untuk ditinjau")
    screenshot(phone, "dashboard-product-phone")

    desktop.goto(f"{base}/kelola/koperasi-a/tinjau/")
    assert desktop.is_visible("text=Emping Melinjo Pedas")
    screenshot(desktop, "dashboard-review-desktop")
    desktop.click("form[action*='/tinjau/produk/'] button[value=approve]")
    desktop.wait_for_selector("text=Emping Melinjo Pedas disetujui.")

    phone.goto(f"{base}/k/koperasi-a/cari/?q=emping+pedas")
    assert phone.is_visible("text=Emping Melinjo Pedas")


@pytest.mark.worker
def test_a_manager_imports_the_register_fixing_two_bad_rows(live_server, desktop, phone,
                                                            coop_a, tmp_path,
                                                            celery_worker_thread):
    from members.models import Member

    base = live_server.url
    manager = make_staff(coop_a, email="manajer@example.test")
    header = "No. Anggota;Nama;NIK;No. HP;Tanggal Masuk;Status\n"
    rows = ("A-1;Siti Aminah;3604011285000001;0812-1000-0001;2015-05-03;Anggota\n"
            "A-2;Budi;12;0812-1000-0002;2018-01-20;Anggota\n"
            "A-3;Ujang;;;kemarin;Anggota\n")
    bad = tmp_path / "anggota.csv"
    bad.write_text(header + rows)
    sign_in(desktop, base, manager.email)
    desktop.goto(f"{base}/kelola/koperasi-a/anggota/")
    desktop.set_input_files("#file", str(bad))
    desktop.click("text=Periksa berkas")
    desktop.wait_for_selector("text=Baris-baris ini bermasalah")
    problems = desktop.locator("table").last.inner_text()
    assert re.search(r"\b3\b", problems) and re.search(r"\b4\b", problems)
    assert not Member.objects.exists()
    screenshot(desktop, "dashboard-member-import-errors-desktop")
    fixed = tmp_path / "anggota-benar.csv"
    fixed.write_text(header + rows.replace(";12;", ";3604011285000002;").replace(
        "kemarin", "2020-07-01"))
    desktop.click("text=Kembali ke daftar anggota")
    desktop.set_input_files("#file", str(fixed))
    desktop.click("text=Periksa berkas")
    desktop.wait_for_selector("text=3 baru")
    desktop.click("text=Terapkan ke daftar anggota")
    desktop.wait_for_selector("text=Daftar anggota diperbarui")
    assert Member.objects.count() == 3

    sign_in(phone, base, manager.email)
    phone.goto(f"{base}/kelola/koperasi-a/anggota/")
    assert no_horizontal_scroll(phone)
    screenshot(phone, "dashboard-members-phone")


def test_a_manager_restocks_and_stock_rises_by_what_arrived(
        live_server, desktop, phone, coop_a, groceries, store_a, distributor):
    from datetime import timedelta

    from django.utils import timezone

    from inventory.models import Stock, StockMovement
    from inventory.services import Line, stock_allocate, stock_receive, stock_sell
    from suppliers.models import SupplierItem

    beras = groceries["BRS-5"]
    stock = stock_receive(beras, store_a, 100)
    for day in range(28):
        stock_allocate(f"o-{day}", [Line(stock.pk, 3)])
        stock_sell(f"o-{day}", [Line(stock.pk, 3)])
        StockMovement.objects.filter(reference=f"o-{day}").update(
            created_at=timezone.now() - timedelta(days=day, hours=1))
    SupplierItem.objects.create(cooperative=coop_a, supplier=distributor, supplier_sku="S-BRS",
                                variant=beras, pack_size=4, cost_per_pack=260000)
    manager = make_staff(coop_a, email="manajer@example.test")
    base = live_server.url
    sign_in(desktop, base, manager.email)
    desktop.goto(f"{base}/kelola/koperasi-a/belanja/?location={store_a.pk}")
    screenshot(desktop, "dashboard-restock-desktop")
    desktop.click("text=Buat pesanan pembelian dari baris yang dicentang")
    desktop.wait_for_selector("text=1 draf pesanan pembelian dibuat.")
    desktop.click("table a")
    desktop.click("text=Kirim ke pemasok")
    desktop.wait_for_selector("text=Dikirim ke CV Sumber Rejeki.")
    before = Stock.objects.get(variant=beras, location=store_a).on_hand
    desktop.fill("input[name^=received-]", "56")
    desktop.click("text=Terima ke stok")
    desktop.wait_for_selector("text=Barang diterima ke stok.")
    assert Stock.objects.get(variant=beras, location=store_a).on_hand == before + 56

    sign_in(phone, base, manager.email)
    for page in ("", "pesanan/", "belanja/", "stok/", "laporan/"):
        phone.goto(f"{base}/kelola/koperasi-a/{page}")
        assert no_horizontal_scroll(phone), page
    screenshot(phone, "dashboard-today-phone")


def test_outsiders_are_refused(live_server, phone, coop_a, coop_b, seller, other_seller):
    base = live_server.url
    make_staff(coop_b, email="manajer.b@example.test")
    sign_in(phone, base, "manajer.b@example.test")
    for page in ("", "pesanan/", "anggota/", "belanja/", "laporan/", "staf/"):
        response = phone.goto(f"{base}/kelola/koperasi-a/{page}")
        assert response.status == 403, page
    assert phone.goto(f"{base}/penjual/{seller.pk}/pesanan/").status == 404
    other_seller.owner.set_password(PASSWORD)
    other_seller.owner.save()
    sign_in(phone, base, other_seller.owner.email)
    assert phone.goto(f"{base}/penjual/{seller.pk}/pesanan/").status == 404
    assert phone.goto(f"{base}/penjual/{other_seller.pk}/pesanan/").status == 200

"""The manager console pages: upload a price list, print a purchase order."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from suppliers.models import PurchaseOrder, SupplierItem

pytestmark = pytest.mark.django_db

FEED = "kode;nama;isi;harga;stok\nS-BRS;Beras 5kg;4;290.000;120\nS-X;Teh;1;gratis;1\n"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_upload_page_checks_then_applies_the_good_rows(manager_a, distributor):
    client = client_for(manager_a)
    url = f"/pengurus/pemasok/{distributor.pk}/harga/"
    checked = client.post(url, {"file": SimpleUploadedFile("harga.csv", FEED.encode())})
    page = checked.content.decode()
    assert checked.status_code == 200 and "Baris 3" in page and "gratis" in page
    assert SupplierItem.objects.count() == 0
    applied = client.post(url, {"file": SimpleUploadedFile("harga.csv", FEED.encode()),
                                "apply": "on", "apply_valid_rows": "on"})
    assert applied.status_code == 200
    assert SupplierItem.objects.get().cost_per_pack == 290000


def test_pages_are_for_the_cooperatives_managers_only(manager_b, distributor, store_a):
    order = PurchaseOrder.objects.create(cooperative=distributor.cooperative,
                                         supplier=distributor, location=store_a,
                                         number="PO-000001")
    client = client_for(manager_b)
    assert client.get(f"/pengurus/pemasok/{distributor.pk}/harga/").status_code == 404
    assert client.get(f"/pengurus/pesanan-pembelian/{order.pk}/cetak/").status_code == 404


def test_printable_purchase_order(manager_a, distributor, store_a):
    order = PurchaseOrder.objects.create(cooperative=distributor.cooperative,
                                         supplier=distributor, location=store_a,
                                         number="PO-000001")
    page = client_for(manager_a).get(f"/pengurus/pesanan-pembelian/{order.pk}/cetak/")
    assert page.status_code == 200
    assert "Pesanan pembelian PO-000001" in page.content.decode()

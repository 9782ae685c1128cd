"""Suppliers in the manager console: register, schedule, unmapped SKUs, change reports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from suppliers.models import Supplier, SupplierItem, SupplierSync

pytestmark = pytest.mark.django_db

FEED = ("Kode Barang;Nama Barang;Barcode;Isi;Harga;Stok\n"
        "S-BRS;Beras Premium 5kg;8991001000011;4;260000;100\n"
        "S-GLA;Gula Pasir Lokal 1 kg;;10;150000;50\n")


def test_register_a_supplier_upload_its_list_and_match_its_skus(client, manager_a, groceries):
    client.force_login(manager_a)
    refused = client.post("/kelola/koperasi-a/pemasok/", {"name": "", "lead_time_days": "-1",
                                                          "minimum_order_value": "0"})
    assert refused.status_code == 400 and not Supplier.objects.exists()
    client.post("/kelola/koperasi-a/pemasok/", {
        "name": "CV Sumber Rejeki", "email": "order@sumber.test", "lead_time_days": "2",
        "minimum_order_value": "500000", "is_active": "on"})
    supplier = Supplier.objects.get()
    client.post(f"/pengurus/pemasok/{supplier.pk}/harga/", {
        "file": SimpleUploadedFile("harga.csv", FEED.encode()), "apply": "on"})
    assert SupplierItem.objects.filter(supplier=supplier).count() == 2
    page = client.get(f"/kelola/koperasi-a/pemasok/{supplier.pk}/")
    unmapped = dict((item.supplier_sku, [s.variant.sku for s in suggestions])
                    for item, suggestions in page.context["unmapped"])
    assert unmapped["S-BRS"][0] == "BRS-5"  # same barcode
    assert unmapped["S-GLA"][0] == "GLA-1"  # similar name
    item = SupplierItem.objects.get(supplier_sku="S-GLA")
    client.post(f"/kelola/koperasi-a/pemasok/{supplier.pk}/sku/{item.pk}/",
                {"variant": str(groceries["GLA-1"].pk), "preferred": "1"})
    item.refresh_from_db()
    assert item.variant == groceries["GLA-1"] and item.preferred
    sync = SupplierSync.objects.get(supplier=supplier)
    report = client.get(f"/kelola/koperasi-a/pemasok/{supplier.pk}/sinkron/{sync.pk}/")
    assert "S-BRS" in report.content.decode()

    bad = client.post(f"/kelola/koperasi-a/pemasok/{supplier.pk}/", {
        "form": "schedule", "url": "http://10.0.0.1/harga.csv", "format": "csv",
        "every_hours": "6", "pull_enabled": "on"})
    assert bad.status_code == 400
    client.post(f"/kelola/koperasi-a/pemasok/{supplier.pk}/", {
        "form": "schedule", "url": "https://sumber.test/harga.csv", "format": "csv",
        "every_hours": "6", "pull_enabled": "on"})
    source = supplier.feed_source
    assert (source.url, source.every_hours, source.pull_enabled) == (
        "https://sumber.test/harga.csv", 6, True)


def test_other_cooperatives_cannot_open_a_supplier(client, manager_b, coop_a):
    from suppliers.services.register import supplier_save

    supplier = supplier_save(coop_a, {"name": "CV A"})
    client.force_login(manager_b)
    assert client.get("/kelola/koperasi-a/pemasok/").status_code == 403
    assert client.get(f"/kelola/koperasi-b/pemasok/{supplier.pk}/").status_code == 404

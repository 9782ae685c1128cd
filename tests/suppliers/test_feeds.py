"""Supplier feeds through the one sync service: bad rows change nothing, the same feed twice
changes nothing, cost changes are reported and flagged, unmapped SKUs get suggestions."""

import json

import pytest
from openpyxl import Workbook

from suppliers.models import SupplierItem, SupplierSync
from suppliers.selectors import item_suggestions
from suppliers.services.feeds import feed_rows, feed_sync
from suppliers.services.register import supplier_item_map
from suppliers.services.settings import supplier_settings_update

pytestmark = pytest.mark.django_db

FEED = ("Kode Barang;Nama Barang;Barcode;Isi;Harga;Stok\n"
        "S-BRS;Beras Premium 5kg;8991001000011;4;290.000;120\n"
        "S-GLA;Gula pasir 1 kg;;12;190.000;300\n"
        "S-KCP;Kecap Manis 600 ml;;12;150.000;40\n")


def sync(supplier, text, fmt="csv", **kwargs):
    content = text.encode() if isinstance(text, str) else text
    return feed_sync(supplier, feed_rows(content, fmt), source="upload", **kwargs)


def test_dry_run_reports_and_changes_nothing_then_apply(distributor):
    dry = sync(distributor, FEED)
    assert dry.status == "dry_run" and dry.counts["new"] == 3
    assert SupplierItem.objects.count() == 0
    applied = sync(distributor, FEED, dry_run=False)
    assert applied.status == "applied"
    beras = SupplierItem.objects.get(supplier_sku="S-BRS")
    assert (beras.pack_size, beras.cost_per_pack, beras.available_quantity) == (4, 290000, 120)
    assert beras.last_synced_at is not None


def test_a_feed_with_bad_rows_changes_nothing(distributor):
    sync(distributor, FEED, dry_run=False)
    bad = (FEED.replace("290.000", "310.000")
           + "S-X1;Teh;;1;abc;5\nS-X2;Kopi;;1;10000;-3\nS-GLA;Gula lagi;;1;1000;1\n"
           + "S-X3;Susu;;inf;1000;99999999999\nS-X4;Roti;;1;99.999.999.999.999;1\n")
    report = sync(distributor, bad, dry_run=False)
    assert report.status == "rejected"
    assert [(e["row"], e["field"]) for e in report.errors] == [
        (5, "cost_per_pack"), (6, "available_quantity"), (7, "supplier_sku"),
        (8, "pack_size"), (8, "available_quantity"), (9, "cost_per_pack")]
    assert "baris 3" in report.errors[2]["message"] or "row 3" in report.errors[2]["message"]
    assert SupplierItem.objects.get(supplier_sku="S-BRS").cost_per_pack == 290000
    assert not SupplierItem.objects.filter(supplier_sku__in=["S-X1", "S-X2"]).exists()
    # The manager may apply the valid rows explicitly.
    assert not SupplierItem.objects.filter(supplier_sku__in=["S-X3", "S-X4"]).exists()
    partial = sync(distributor, bad, dry_run=False, apply_valid_rows=True)
    assert partial.status == "applied"
    assert SupplierItem.objects.get(supplier_sku="S-BRS").cost_per_pack == 310000
    assert SupplierItem.objects.get(supplier_sku="S-GLA").is_active  # its bad twin kept it


def test_a_missing_column_is_an_error_not_an_empty_feed(distributor):
    sync(distributor, FEED, dry_run=False)
    report = sync(distributor, "Kode Barang;Nama\nS-BRS;Beras\n", dry_run=False)
    assert report.status == "failed" and "cost_per_pack" in report.message
    assert SupplierItem.objects.filter(is_active=True).count() == 3


def test_the_same_feed_twice_changes_nothing(distributor):
    sync(distributor, FEED, dry_run=False)
    before = list(SupplierItem.objects.values_list("pk", "cost_per_pack", "available_quantity",
                                                   "is_active").order_by("pk"))
    again = sync(distributor, FEED, dry_run=False)
    assert again.counts["unchanged"] == 3
    assert all(again.counts[k] == 0 for k in ("new", "changed", "vanished", "flagged"))
    after = list(SupplierItem.objects.values_list("pk", "cost_per_pack", "available_quantity",
                                                  "is_active").order_by("pk"))
    assert after == before


def test_change_report_with_flag_above_the_threshold(coop_a, distributor):
    supplier_settings_update(coop_a, {"cost_change_threshold_percent": 5})
    sync(distributor, FEED, dry_run=False)
    changed = FEED.replace("290.000", "319.000").replace("190.000;300", "187.150;250")
    changed = "\n".join(line for line in changed.splitlines() if "S-KCP" not in line) + "\n"
    changed += "S-TLR;Telur 1 kg;;1;28000;50\n"
    report = sync(distributor, changed, dry_run=False)
    assert report.changes["cost_up"] == [{"sku": "S-BRS", "name": "Beras Premium 5kg",
                                          "before": 290000, "after": 319000, "percent": 10.0}]
    assert report.changes["cost_down"][0]["percent"] == -1.5
    assert [e["sku"] for e in report.changes["flagged"]] == ["S-BRS"]
    assert report.changes["availability"] == [{"sku": "S-GLA", "name": "Gula pasir 1 kg",
                                               "before": 300, "after": 250}]
    assert [e["sku"] for e in report.changes["new"]] == ["S-TLR"]
    assert report.changes["vanished"] == [{"sku": "S-KCP"}]
    assert SupplierItem.objects.get(supplier_sku="S-KCP").is_active is False
    assert SupplierSync.objects.filter(supplier=distributor).count() == 2


def test_xlsx_and_json_feeds_with_a_saved_mapping(distributor):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Item", "Harga Karton", "Isi"])
    sheet.append(["S-BRS", 290000, 4])
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    mapping = {"supplier_sku": "Item", "cost_per_pack": "Harga Karton"}
    report = feed_sync(distributor, feed_rows(buffer.getvalue(), "xlsx", mapping),
                       source="upload", dry_run=False)
    assert report.status == "applied"
    assert SupplierItem.objects.get().cost_per_pack == 290000
    body = json.dumps({"items": [{"kode": "S-BRS", "harga": 300000, "isi": 4, "stok": 7},
                                 {"kode": "S-GLA", "harga": "190.000", "isi": 12}]})
    report = sync(distributor, body, "json", dry_run=False)
    assert report.status == "applied" and report.counts == {**report.counts, "new": 1}
    assert SupplierItem.objects.get(supplier_sku="S-BRS").available_quantity == 7


def test_unmapped_skus_get_suggestions_by_barcode_and_name(distributor, groceries):
    sync(distributor, FEED, dry_run=False)
    beras = SupplierItem.objects.get(supplier_sku="S-BRS")
    gula = SupplierItem.objects.get(supplier_sku="S-GLA")
    kecap = SupplierItem.objects.get(supplier_sku="S-KCP")
    first = item_suggestions(beras)[0]
    assert (first.variant.sku, first.reason) == ("BRS-5", "barcode")
    assert item_suggestions(gula)[0].variant.sku == "GLA-1"
    assert item_suggestions(gula)[0].reason == "name"
    assert item_suggestions(kecap) == []
    supplier_item_map(gula, groceries["GLA-1"], preferred=True)
    gula.refresh_from_db()
    assert gula.variant == groceries["GLA-1"] and gula.preferred


def test_a_problem_after_thousands_of_good_rows_still_changes_nothing(distributor):
    good = [f"S-{n:05d};Barang {n};;1;{1000 + n};5\n" for n in range(4500)]
    body = FEED + "".join(good[:3000]) + "S-BAD;Rusak;;1;-5;1\n" + "".join(good[3000:])
    report = sync(distributor, body, dry_run=False)  # 2,000-row batches written before it
    assert report.status == "rejected" and report.errors[0]["row"] == 3005
    assert SupplierItem.objects.count() == 0

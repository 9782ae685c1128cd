"""The stock sheet import (issue 20): SKU, store, a count or a signed adjustment per row;
checked first with row-numbered problems, then applied whole through a saved job: one ledger
movement per changed row, on hand = the sum of movements."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id
from openpyxl import Workbook

from backend.jobs.graphql import job_pk
from backend.jobs.services import job_run
from catalog.services.products import product_create
from inventory.models import Location, Stock, StockMovement
from inventory.services import ledger_mismatches, stock_receive
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

START = """mutation($file: Upload, $job: ID) {
  stockImportStart(cooperative: "koperasi-a", file: $file, checkedJob: $job) {
    job { id state } errors { field code } } }"""


@pytest.fixture
def shelves(coop_a, seller):
    store = Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")
    depot = Location.objects.create(cooperative=coop_a, name="Gudang", code="gudang")
    emping = product_create(seller, {"name": "Emping"}, [{"sku": "EMP-1", "price": 12500}])
    sambal = product_create(seller, {"name": "Sambal"}, [{"sku": "SMB-1", "price": 9000}])
    stock_receive(emping.variants.get(), store, 10)
    return store, depot, emping.variants.get(), sambal.variants.get()


def _xlsx(rows) -> bytes:
    import io

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _run(api, variables, files=None):
    answer = (api.upload(START, variables, files) if files else api(START, variables))
    started = answer["stockImportStart"]
    assert started["errors"] == [], started
    return job_run(job_pk(started["job"]["id"]))


def test_check_then_apply_counts_and_adjustments(coop_a, manager_a, shelves):
    store, depot, emping, sambal = shelves
    api = GraphQLClient().login(manager_a)
    sheet = _xlsx([["Kode", "Toko", "Jumlah", "Alasan"],
                   ["emp-1", "cipare", 7, "stok opname"],  # a count: 10 -> 7
                   ["SMB-1", "Gudang", "+24", ""],  # an adjustment at a new place: 0 -> 24
                   ["EMP-1", "gudang", "3", ""],
                   ["SMB-1", "cipare", 0, ""]])  # already 0: unchanged
    check = _run(api, {}, {"file": SimpleUploadedFile("stok.xlsx", sheet)})
    assert check.errors == [] and check.result["applied"] is False
    assert [(r["row"], r["before"], r["after"]) for r in check.result["rows"]] == [
        (2, 10, 7), (3, 0, 24), (4, 0, 3), (5, 0, 0)]
    assert StockMovement.objects.count() == 1  # only the receipt: a check changes nothing

    applied = _run(api, {"job": to_global_id("Job", str(check.pk))})
    assert applied.result["applied"] is True and applied.result["changed"] == 3
    on_hand = {(s.variant.sku, s.location.code): s.on_hand
               for s in Stock.objects.select_related("variant", "location")}
    assert on_hand == {("EMP-1", "cipare"): 7, ("SMB-1", "gudang"): 24, ("EMP-1", "gudang"): 3}
    moves = StockMovement.objects.filter(kind="adjustment")
    assert sorted(m.quantity for m in moves) == [-3, 3, 24]
    assert moves.get(quantity=-3).reason == "stok opname"
    assert ledger_mismatches(coop_a) == []


def test_bad_rows_are_numbered_and_nothing_changes(coop_a, manager_a, shelves):
    api = GraphQLClient().login(manager_a)
    sheet = ("SKU;Store;Quantity\nEMP-1;cipare;-11\nNOPE;cipare;1\nSMB-1;Pasar;2\n"
             "SMB-1;cipare;lima\nEMP-1;gudang;4\nEMP-1;gudang;5\n")
    check = _run(api, {}, {"file": SimpleUploadedFile("stok.csv", sheet.encode())})
    assert [(e["row"], e["field"]) for e in check.errors] == [
        (2, "quantity"), (3, "sku"), (4, "store"), (5, "quantity"), (7, "sku")]
    assert check.errors[0]["message"] == "Stok tidak bisa kurang dari nol (sekarang 10)."
    assert StockMovement.objects.count() == 1

    # A check with problems cannot be applied; another cooperative's people never see it.
    refused = api(START, {"job": to_global_id("Job", str(check.pk))})["stockImportStart"]
    assert refused["errors"] == [{"field": "file", "code": "REQUIRED"}]
    assert StockMovement.objects.count() == 1


def test_console_page_checks_then_applies_the_same_job(coop_a, manager_a, shelves):
    from django.test import Client

    page = Client()
    page.force_login(manager_a)
    assert "Impor lembar stok" in page.get("/kelola/koperasi-a/stok/").content.decode()
    started = page.post("/kelola/koperasi-a/stok/impor/", {"file": SimpleUploadedFile(
        "stok.csv", b"Kode;Toko;Jumlah\nSMB-1;cipare;+5\n")})
    job_id = started["Location"].rstrip("/").rsplit("/", 1)[-1]
    job_run(job_id)
    report = page.get(started["Location"]).content.decode()
    assert "1 baris akan berubah, 0 tidak berubah." in report and "Terapkan ke stok" in report
    applied = page.post("/kelola/koperasi-a/stok/impor/", {"apply": job_id})
    job_run(applied["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert "Stok diperbarui: 1 baris berubah." in page.get(applied["Location"]).content.decode()
    assert Stock.objects.get(variant__sku="SMB-1").on_hand == 5

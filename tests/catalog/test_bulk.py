"""Spreadsheet import and export: a dry run first, then all rows or none."""

import base64
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id
from openpyxl import Workbook

from catalog.models import Product, ProductVariant
from tests.conftest import GraphQLClient
from tests.fixtures_catalog import image_file

pytestmark = pytest.mark.django_db

IMPORT = """mutation($seller: ID, $file: Upload!, $photos: Upload, $dryRun: Boolean) {
  productImport(cooperative: "koperasi-a", seller: $seller, file: $file, photos: $photos,
                dryRun: $dryRun) {
    applied created updated unchanged rows { row sku action errors } errors { field code } } }"""

SHEET = (
    "Nama Produk;Kode;Harga;Varian;Kategori;Berat (g);Halal;Foto\n"
    "Emping Melinjo;EMP-100;Rp12.500;100 g;Makanan Ringan;100;ya;emping.jpg\n"
    "Emping Melinjo;EMP-250;27.000;250 g;Makanan Ringan;250;ya;\n"
    "Sambal Roa;SMB-1;35000;Botol 200 ml;;220;ya;\n"
)


def csv_file(text=SHEET, name="produk.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def photos_zip(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(f"foto/{name}", image_file(name, size=(120, 90)).read())
    return SimpleUploadedFile("foto.zip", buffer.getvalue(), content_type="application/zip")


def run_import(gql, seller, dry_run, file, photos=None):
    files = {"file": file}
    if photos is not None:
        files["photos"] = photos
    return gql.upload(IMPORT, {"seller": to_global_id("Seller", seller.pk), "dryRun": dry_run},
                      files)["productImport"]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_dry_run_reports_then_apply_creates_products_with_photos(gql, seller, category_a,
                                                                 media_root):
    gql.login(seller.owner)
    preview = run_import(gql, seller, True, csv_file(), photos_zip("emping.jpg"))
    assert preview["applied"] is False
    assert [(r["row"], r["action"], r["errors"]) for r in preview["rows"]] == [
        (2, "create", []), (3, "add_variant", []), (4, "create", [])]
    assert Product.objects.count() == 0

    applied = run_import(gql, seller, False, csv_file(), photos_zip("emping.jpg"))
    assert applied["applied"] is True and applied["created"] == 3
    emping = Product.objects.get(name="Emping Melinjo")
    assert emping.status == "draft" and emping.is_halal and emping.category == category_a
    assert sorted(emping.variants.values_list("sku", "price")) == [
        ("EMP-100", 12500), ("EMP-250", 27000)]
    assert emping.media.count() == 1
    assert ProductVariant.objects.get(sku="SMB-1").weight_grams == 220


def test_reimporting_the_same_file_changes_nothing_and_adds_no_photo(gql, seller, category_a,
                                                                     media_root):
    gql.login(seller.owner)
    sheet = SHEET.replace("250 g;Makanan Ringan;250;ya;", "250 g;Makanan Ringan;250;ya;emping.jpg")
    photos = photos_zip("emping.jpg").read()

    def upload(dry_run):
        return run_import(gql, seller, dry_run, csv_file(sheet),
                          SimpleUploadedFile("foto.zip", photos, content_type="application/zip"))

    first = upload(False)
    assert first["applied"] is True and first["created"] == 3
    emping = Product.objects.get(name="Emping Melinjo")
    assert emping.media.count() == 1  # the photo named on both variants' rows is kept once

    preview = upload(True)
    assert [r["action"] for r in preview["rows"]] == ["unchanged"] * 3
    again = upload(False)
    assert again["applied"] is True and again["unchanged"] == 3 and again["created"] == 0
    assert emping.media.count() == 1

    # The same photo under another name is still the same photo; a new one is an update.
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("emping-lagi.jpg", zipfile.ZipFile(io.BytesIO(photos)).read(
            "foto/emping.jpg"))
        archive.writestr("baru.jpg", image_file("baru.jpg", size=(90, 120)).read())
    renamed = sheet.replace("emping.jpg", "emping-lagi.jpg", 1).replace(
        "250;ya;emping.jpg", "250;ya;baru.jpg")
    changed = run_import(gql, seller, False, csv_file(renamed),
                         SimpleUploadedFile("foto.zip", other.getvalue()))
    assert [r["action"] for r in changed["rows"]] == ["unchanged", "update", "unchanged"]
    assert emping.media.count() == 2


def test_bad_rows_are_reported_by_row_number_and_nothing_changes(gql, seller, other_seller,
                                                                 category_a, published,
                                                                 media_root):
    from catalog.services.products import product_create

    product_create(other_seller, {"name": "Keripik Pedas"}, [{"sku": "KRP-1", "price": 8000}])
    before = sorted(ProductVariant.objects.values_list("sku", "price"))
    sheet = ("nama;sku;harga;kategori;foto\n"
             "Kopi Robusta;KOPI-1;30000;;\n"
             "Kopi Arabika;KOPI-2;tiga puluh ribu;;\n"
             "Gula Aren;GULA-1;15000;Minuman Tradisional;\n"
             "Keripik Pedas;KRP-1;9000;;\n"
             "Emping Melinjo Original;EMP-250;26000;;tidak-ada.jpg\n")
    gql.login(seller.owner)
    result = run_import(gql, seller, False, csv_file(sheet), photos_zip("lain.jpg"))
    assert result["applied"] is False
    errors = {r["row"]: r["errors"] for r in result["rows"] if r["errors"]}
    assert set(errors) == {3, 4, 5, 6}
    assert "tiga puluh ribu" in errors[3][0]
    assert "Minuman Tradisional" in errors[4][0]
    assert errors[5][0].startswith("sku:")
    assert "tidak-ada.jpg" in errors[6][0]
    assert sorted(ProductVariant.objects.values_list("sku", "price")) == before
    assert not Product.objects.filter(name="Kopi Robusta").exists()


def test_a_missing_column_or_a_non_spreadsheet_is_a_file_error(gql, seller):
    gql.login(seller.owner)
    missing = run_import(gql, seller, True, csv_file("nama;harga\nKopi;1000\n"))
    assert missing["errors"] == [{"field": "file", "code": "MISSING_COLUMN"}]
    not_a_sheet = run_import(gql, seller, True, SimpleUploadedFile("foto.jpg", b"\xff\xd8"))
    assert not_a_sheet["errors"] == [{"field": "file", "code": "INVALID_FILE"}]
    broken = run_import(gql, seller, True, SimpleUploadedFile("rusak.xlsx", b"bukan excel"))
    assert broken["errors"] == [{"field": "file", "code": "INVALID_FILE"}]


def test_xlsx_with_english_headers_updates_prices(gql, seller, published, media_root):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Product", "SKU", "Price", "Weight"])
    sheet.append(["Emping Melinjo Original", "EMP-250", 26500, 250])
    buffer = io.BytesIO()
    workbook.save(buffer)
    gql.login(seller.owner)
    result = run_import(gql, seller, False, SimpleUploadedFile("harga.xlsx", buffer.getvalue()))
    assert result["applied"] is True
    assert result["rows"][0]["action"] == "update"
    assert published.variants.get().price == 26500


def test_export_then_import_changes_nothing(gql, seller, published, media_root):
    gql.login(seller.owner)
    exported = gql("""mutation($seller: ID!) { productExport(seller: $seller, format: CSV) {
        filename contentType content errors { code } } }""",
                   {"seller": to_global_id("Seller", seller.pk)})["productExport"]
    assert exported["filename"] == "produk-koperasi-a-emping-bu-yati.csv"
    content = base64.b64decode(exported["content"])
    assert b"EMP-250" in content and b"Emping Melinjo Original" in content
    again = run_import(gql, seller, False, SimpleUploadedFile("produk.csv", content))
    assert [r["action"] for r in again["rows"]] == ["unchanged"]
    assert again["applied"] is True


def test_another_seller_cannot_import_into_a_shop(seller, other_seller):
    client = GraphQLClient().login(other_seller.owner)
    import json

    body = client.client.post("/graphql/", {
        "operations": json.dumps({"query": IMPORT, "variables": {
            "seller": to_global_id("Seller", seller.pk), "file": None, "dryRun": False}}),
        "map": json.dumps({"0": ["variables.file"]}), "0": csv_file()},
        HTTP_AUTHORIZATION=f"Bearer {client.token}").json()
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert Product.objects.count() == 0


def test_zip_abuse_is_refused_row_by_row(gql, seller, media_root):
    gql.login(seller.owner)
    # In a semicolon-separated file the photos of one cell are separated by "|".
    names = "|".join(["emping.jpg"] * 3)
    many = "|".join(f"f{i}.jpg" for i in range(11))
    sheet = ("nama;sku;harga;foto\n"
             f"Emping A;E-A;10000;{names}\n"
             f"Emping B;E-B;10000;{many}\n")
    result = run_import(gql, seller, True, csv_file(sheet),
                        photos_zip("emping.jpg", *[f"f{i}.jpg" for i in range(11)]))
    rows = {r["row"]: r for r in result["rows"]}
    assert rows[2]["errors"] == [] and rows[2]["action"] == "create"  # the same photo once
    assert "10" in rows[3]["errors"][0]


def test_a_broken_zip_or_an_oversized_sheet_is_a_file_error(gql, seller):
    gql.login(seller.owner)
    broken = run_import(gql, seller, True, csv_file(),
                        SimpleUploadedFile("foto.zip", b"PK\x03\x04bukan zip"))
    assert broken["errors"] == [{"field": "photos", "code": "INVALID_FILE"}]
    huge = SimpleUploadedFile("besar.csv", b"nama;sku;harga\n" + b"x" * (31 * 1024 * 1024))
    too_big = run_import(gql, seller, True, huge)
    assert too_big["errors"] == [{"field": "file", "code": "FILE_TOO_LARGE"}]


def test_price_range_needs_one_variant_inside_it(gql, seller, published):
    from catalog.services.products import variant_create

    variant_create(published, {"sku": "EMP-1KG", "price": 100000})  # and EMP-250 at 25.000
    query = """query($min: Int, $max: Int) { products(cooperative: "koperasi-a", first: 5,
        filter: {priceMin: $min, priceMax: $max}) { totalCount } }"""
    assert GraphQLClient()(query, {"min": 40000, "max": 60000})["products"]["totalCount"] == 0
    assert GraphQLClient()(query, {"min": 20000, "max": 30000})["products"]["totalCount"] == 1

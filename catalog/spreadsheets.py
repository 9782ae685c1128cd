"""Reading and writing product sheets (CSV or XLSX) with Indonesian or English headers."""

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

MAX_ROWS = 5000

# canonical column -> headers people write (compared lower-case, spaces collapsed)
COLUMNS = {
    "name": ("name", "product", "nama", "nama produk", "produk"),
    "sku": ("sku", "kode", "kode barang"),
    "price": ("price", "harga", "harga jual"),
    "variant": ("variant", "varian", "variant name", "nama varian"),
    "category": ("category", "kategori"),
    "description": ("description", "deskripsi", "keterangan"),
    "compare_at_price": ("compare_at_price", "compare at price", "harga coret",
                         "harga sebelum diskon"),
    "weight_grams": ("weight_grams", "weight", "berat", "berat (g)", "berat gram"),
    "barcode": ("barcode", "kode batang"),
    "halal": ("halal",),
    "food": ("food", "pangan", "makanan"),
    "photos": ("photos", "foto", "gambar"),
    "seller": ("seller", "penjual", "toko"),
}
EXPORT_HEADERS = ["name", "sku", "price", "variant", "category", "description",
                  "compare_at_price", "weight_grams", "barcode", "halal", "food", "photos",
                  "seller"]
_LOOKUP = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}


def _key(header) -> str | None:
    return _LOOKUP.get(" ".join(str(header or "").strip().lower().split()))


def read_rows(content: bytes, filename: str) -> list[tuple[int, dict]]:
    """(row number as people see it in the sheet, {column: text}) for each non-empty row."""
    if filename.lower().endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif filename.lower().endswith((".csv", ".txt")):
        rows = _csv_rows(content)
    else:
        raise ValidationError({"file": ValidationError(
            _("Upload a .csv or .xlsx file."), code="invalid_file")})
    if not rows:
        raise ValidationError({"file": ValidationError(_("The file is empty."),
                                                       code="invalid_file")})
    header, *body = rows
    keys = [_key(h) for h in header]
    missing = [c for c in ("name", "sku", "price") if c not in keys]
    if missing:
        raise ValidationError({"file": ValidationError(
            _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)},
            code="missing_column")})
    if len(body) > MAX_ROWS:
        raise ValidationError({"file": ValidationError(
            _("At most %(n)s rows per file.") % {"n": MAX_ROWS}, code="invalid_file")})
    result = []
    for number, cells in enumerate(body, start=2):
        values = {k: _text(v) for k, v in zip(keys, cells, strict=False) if k}
        if any(values.values()):
            result.append((number, values))
    return result


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    sample = text[:4096]
    # Indonesian spreadsheets often save CSV with semicolons.
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_rows(content: bytes) -> list[list]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError({"file": ValidationError(
            _("This is not a readable .xlsx file."), code="invalid_file")}) from None
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def write_csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_HEADERS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(rows: list[dict]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Produk")
    sheet.append(EXPORT_HEADERS)
    for row in rows:
        sheet.append([row.get(h, "") for h in EXPORT_HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

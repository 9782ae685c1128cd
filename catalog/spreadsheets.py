"""The columns of a product sheet, for import and export."""

from backend import spreadsheets

MAX_ROWS = 5000

# column -> headers people write (compared lower-case, spaces collapsed)
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
EXPORT_HEADERS = list(COLUMNS)


def read_rows(content: bytes, filename: str) -> list[tuple[int, dict]]:
    return list(spreadsheets.Table(content, filename, COLUMNS, ("name", "sku", "price"),
                                   max_rows=MAX_ROWS))


def write_csv(rows: list[dict]) -> bytes:
    return spreadsheets.write_csv(EXPORT_HEADERS, rows)


def write_xlsx(rows: list[dict]) -> bytes:
    return spreadsheets.write_xlsx(EXPORT_HEADERS, rows, "Produk")

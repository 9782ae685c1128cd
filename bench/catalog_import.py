"""The catalog import of issue 20: a product sheet of N products x 2 variants (default 10,000
products / 20,000 rows) with a ZIP of one photo per product, checked, applied, then the same
file again (it must change nothing and add no photo); then a stock sheet of one row per
variant (20,000 rows), checked and applied.

    .venv/bin/python bench/catalog_import.py [--products 10000] [--profile check|apply]

Runs the services in this process against its own PostgreSQL (embedded, or DATABASE_URL) and
prints one JSON line: seconds and peak memory of each step beside the issue's targets
(check <= 15 s, apply <= 45 s, peak <= 500 MB, stock import of 20,000 rows <= 10 s).
`--profile STEP` prints the 25 costliest functions of that step (cProfile) to stderr.
"""

import argparse
import cProfile
import io
import os
import pstats
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from harness import ROOT, emit

sys.path.insert(0, str(ROOT))

TARGETS = {"check_s": 15, "apply_s": 45, "peak_mb": 500, "stock_import_s": 10}


def photo(n: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), ((n * 37) % 256, (n * 91) % 256, (n * 13) % 256)).save(
        out, "JPEG", quality=80)
    return out.getvalue()


def product_files(products: int) -> tuple[bytes, bytes]:
    lines = ["Nama Produk;Kode;Harga;Varian;Kategori;Berat (g);Halal;Foto"]
    archive_bytes = io.BytesIO()
    with zipfile.ZipFile(archive_bytes, "w", zipfile.ZIP_STORED) as archive:
        for n in range(products):
            archive.writestr(f"foto/p{n}.jpg", photo(n))
            for size, price in (("100 g", 12000 + n % 50 * 500), ("250 g", 27000 + n % 40 * 500)):
                lines.append(f"Keripik Singkong {n};KS-{n}-{size[:3]};{price};{size};"
                             f"Makanan Ringan;{size[:3]};tidak;p{n}.jpg")
    return ("\n".join(lines) + "\n").encode(), archive_bytes.getvalue()


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--profile", choices=["check", "apply", "stock"], default=None)
    parser.add_argument("--stock-only", action="store_true",
                        help="skip the product sheet: make the products in bulk, time only "
                             "the stock sheet (20,000 rows for the default 10,000 products)")
    args = parser.parse_args()
    from backend.stack import data_services

    var_dir = Path(tempfile.mkdtemp(prefix="coopmart-bench-catalog-import-"))
    with data_services(var_dir, durable=False) as env:
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "backend.settings"
        os.environ.setdefault("MEDIA_ROOT", str(var_dir / "media"))
        import django
        from django.conf import settings
        from django.core.management import call_command

        django.setup()
        settings.MEDIA_ROOT = str(var_dir / "media")
        call_command("migrate", verbosity=0)
        from backend.accounts.models import User
        from backend.cooperatives.models import Cooperative
        from catalog import spreadsheets
        from catalog.models import ProductMedia, ProductVariant, Seller
        from catalog.services.bulk import product_import
        from catalog.services.categories import category_create
        from inventory.models import Location, StockMovement
        from inventory.stock_import import stock_import

        rows = args.products * 2
        spreadsheets.MAX_ROWS = max(spreadsheets.MAX_ROWS, rows)  # today's cap is 5,000 rows
        cooperative = Cooperative.objects.create(name="Koperasi Bench", slug="bench")
        owner = User.objects.create(email="bench@example.test")
        seller = Seller.objects.create(cooperative=cooperative, owner=owner,
                                       business_name="UMKM Bench", slug="umkm-bench",
                                       owner_name="Bench", phone="+6281200000000",
                                       status="approved")
        category_create(cooperative, name="Makanan Ringan")
        sheet, photos = product_files(args.products)
        figures = {"products": args.products, "rows": rows,
                   "sheet_mb": round(len(sheet) / 2**20, 1),
                   "zip_mb": round(len(photos) / 2**20, 1), "baseline_peak_mb": peak_mb()}

        def step(name, work):
            profiler = cProfile.Profile() if args.profile == name else None
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            result = work()
            if profiler:
                profiler.disable()
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
                print(out.getvalue(), file=sys.stderr)
            figures[f"{name}_s"] = round(time.perf_counter() - started, 2)
            figures[f"{name}_peak_mb"] = peak_mb()
            return result

        def products(dry_run):
            return lambda: product_import(cooperative, owner, content=sheet,
                                          filename="produk.csv", photos_zip=photos,
                                          seller=seller, dry_run=dry_run)

        if args.stock_only:
            from catalog.models import Product

            made = Product.objects.bulk_create([Product(
                cooperative=cooperative, seller=seller, name=f"Keripik {n}", slug=f"k-{n}")
                for n in range(args.products)], batch_size=5000)
            ProductVariant.objects.bulk_create([ProductVariant(
                cooperative=cooperative, product=p, sku=f"KS-{p.pk}-{size}", price=12000)
                for p in made for size in (100, 250)], batch_size=5000)
        else:
            checked = step("check", products(True))
            assert not checked.errors, checked.errors[:3]
            applied = step("apply", products(False))
            assert applied.applied and ProductMedia.objects.count() == args.products
            again = step("same_file_again", products(False))
            assert again.count("unchanged") == rows and ProductMedia.objects.count() == \
                args.products, "a re-import must change nothing and add no photo"

        Location.objects.create(cooperative=cooperative, name="Kopmart Bench", code="bench")
        stock_sheet = ("\n".join(["SKU;Toko;Jumlah"] + [
            f"{sku};bench;{n % 97}" for n, sku in enumerate(
                ProductVariant.objects.order_by("pk").values_list("sku", flat=True))])
            + "\n").encode()

        def stock(dry_run):
            return lambda: stock_import(cooperative, owner, content=stock_sheet,
                                        filename="stok.csv", dry_run=dry_run)

        step("stock_check", stock(True))
        _rows, stock_applied = step("stock", stock(False))
        assert stock_applied and StockMovement.objects.count() == sum(
            1 for n in range(rows) if n % 97)
        figures["stock_import_s"] = figures.pop("stock_s")
        figures["peak_mb"] = peak_mb()
        figures["targets"] = TARGETS
        for name in ("check", "apply", "same_file_again", "stock_import"):
            if f"{name}_s" in figures:
                figures[f"{name}_ms_per_row"] = round(figures[f"{name}_s"] * 1000 / rows, 2)
        if rows < 20_000:  # a smaller run: what 20,000 rows would take at the same pace
            figures["at_20000_rows_s"] = {
                name: round(figures[f"{name}_ms_per_row"] * 20, 1)
                for name in ("check", "apply", "stock_import") if f"{name}_ms_per_row" in figures}
        else:
            figures["met"] = {k: figures[k] <= v for k, v in TARGETS.items() if k in figures}
    emit("catalog_import", figures)


if __name__ == "__main__":
    main()

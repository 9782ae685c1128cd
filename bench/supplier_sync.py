"""A supplier's 100,000-row CSV price and stock feed against 50,000 mapped variants: dry run,
apply (10% of costs and 20% of quantities changed, 1,000 new SKUs, 1,000 gone), then the
same file again (a no-op).

    .venv/bin/python bench/supplier_sync.py [--rows 100000] [--variants 50000]

Runs the sync service in this process on a file read from disk as an upload is (streamed),
against its own PostgreSQL (embedded, or DATABASE_URL); prints one JSON line: seconds and
peak memory (RSS) of each step.
"""

import argparse
import random
import resource
import tempfile
import time

from harness import emit
from supplier_setup import bench_database, make_variants


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def feed_file(rows: int) -> str:
    rng = random.Random(11)
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w", encoding="utf-8") as out:
        out.write("Kode Barang;Nama Barang;Barcode;Isi;Harga;Min Order;Stok\n")
        for n in range(1000, rows + 1000):  # S-000000..S-000999 are gone, 1,000 are new
            cost = 120000 + (n % 97) * 1000
            if rng.random() < 0.10:
                cost += rng.choice([-1, 1]) * rng.randrange(1, 30) * 1000
            stock = 100 + n % 50 + (rng.randrange(1, 20) if rng.random() < 0.2 else 0)
            out.write(f"S-{n:06d};Barang pemasok {n};;{12 if n % 3 else 24};"
                      f"{cost:,}".replace(",", ".") + f";1;{stock}\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--variants", type=int, default=50_000)
    args = parser.parse_args()
    with bench_database("coopmart-bench-suppliers-"):
        from backend.cooperatives.models import Cooperative
        from suppliers.models import SupplierItem
        from suppliers.services.feeds import feed_rows, feed_sync
        from suppliers.services.register import supplier_save

        cooperative = Cooperative.objects.create(name="Koperasi Bench", slug="bench")
        variants = make_variants(cooperative, args.variants)
        supplier = supplier_save(cooperative, {"name": "PT Distributor Bench"})
        for start in range(0, args.rows, 5000):  # what the supplier's last feed said
            SupplierItem.objects.bulk_create([SupplierItem(
                cooperative=cooperative, supplier=supplier, supplier_sku=f"S-{n:06d}",
                name=f"Barang pemasok {n}", pack_size=12 if n % 3 else 24,
                cost_per_pack=120000 + (n % 97) * 1000, available_quantity=100 + n % 50,
                variant_id=variants[n] if n < len(variants) else None)
                for n in range(start, min(args.rows, start + 5000))])
        path = feed_file(args.rows)
        figures = {"rows": args.rows, "mapped_variants": len(variants),
                   "baseline_peak_mb": peak_mb()}

        def step(name, dry_run):
            started = time.perf_counter()
            with open(path, "rb") as stream:
                sync = feed_sync(supplier, feed_rows(stream, "csv"), source="upload",
                                 dry_run=dry_run)
            assert sync.error_count == 0, sync.errors[:3]
            figures[f"{name}_s"] = round(time.perf_counter() - started, 2)
            figures[f"{name}_peak_mb"] = peak_mb()
            return sync

        dry = step("dry_run", True)
        applied = step("apply", False)
        assert applied.status == "applied" and applied.counts == dry.counts
        figures.update({k: applied.counts[k] for k in ("new", "changed", "vanished",
                                                         "flagged")})
        again = step("same_file_again", False)
        assert again.counts["changed"] == again.counts["new"] == 0
        assert again.counts["unchanged"] == args.rows
    emit("supplier_sync", figures)


if __name__ == "__main__":
    main()

"""Reorder suggestions for 20,000 variants at 3 places with 90 days of sales history
(about half of the variant-days have a sale): the time to compute all three lists.

    .venv/bin/python bench/reorder.py [--variants 20000] [--days 90]

Builds its data on its own PostgreSQL (embedded, or DATABASE_URL; the sales ledger written
with COPY) and prints one JSON line.
"""

import argparse
import random
import time
from datetime import timedelta

from harness import emit
from supplier_setup import bench_database, make_variants


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=90)
    args = parser.parse_args()
    with bench_database("coopmart-bench-reorder-"):
        from django.db import connection
        from django.utils import timezone

        from backend.cooperatives.models import Cooperative
        from inventory.models import Stock
        from inventory.services import location_save
        from suppliers.models import SupplierItem
        from suppliers.services.register import supplier_save
        from suppliers.services.reorder import reorder_suggestions

        rng = random.Random(5)
        cooperative = Cooperative.objects.create(name="Koperasi Bench", slug="bench")
        variants = make_variants(cooperative, args.variants)
        places = [location_save(cooperative, {"name": f"Toko {n}", "code": f"toko-{n}"})
                  for n in range(3)]
        suppliers = [supplier_save(cooperative, {"name": f"Pemasok {n}", "lead_time_days": n + 1})
                     for n in range(3)]
        for start in range(0, len(variants), 5000):
            SupplierItem.objects.bulk_create([SupplierItem(
                cooperative=cooperative, supplier=suppliers[k], supplier_sku=f"S{k}-{v}",
                variant_id=v, pack_size=rng.choice([1, 6, 12, 24]),
                cost_per_pack=rng.randrange(10, 400) * 1000, available_quantity=rng.choice(
                    [None, 0, 50, 500])) for v in variants[start:start + 5000]
                for k in rng.sample(range(3), 2)])
            Stock.objects.bulk_create([
                Stock(cooperative=cooperative, variant_id=v, location=place,
                      on_hand=rng.randrange(0, 120)) for v in variants[start:start + 5000]
                for place in places])
        stocks = list(Stock.objects.of(cooperative).values_list("pk", "on_hand"))
        now = timezone.now()
        movements = 0
        with connection.cursor() as cursor, cursor.copy(
                "COPY inventory_stockmovement (cooperative_id, stock_id, kind, quantity, "
                "on_hand_after, reason, reference, created_at) FROM STDIN") as copy:
            for stock_id, on_hand in stocks:
                for day in range(args.days):
                    if rng.random() < 0.5:
                        copy.write_row((cooperative.pk, stock_id, "sale", -rng.randrange(1, 6),
                                        on_hand, "", f"order-{stock_id}-{day}",
                                        now - timedelta(days=day, minutes=rng.randrange(1440))))
                        movements += 1
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        started = time.perf_counter()
        counts = [len(reorder_suggestions(cooperative, place)) for place in places]
        elapsed = time.perf_counter() - started
    emit("reorder", {"variants": len(variants), "places": len(places),
                     "sale_movements": movements, "suggestions": sum(counts),
                     "seconds": round(elapsed, 2),
                     "per_place_s": round(elapsed / len(places), 2)})


if __name__ == "__main__":
    main()

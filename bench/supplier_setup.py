"""Bench data shared by the supplier benchmarks, built in batches (memory stays low, so the
peak each benchmark reports is the step it measures)."""

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from harness import ROOT

sys.path.insert(0, str(ROOT))


@contextmanager
def bench_database(prefix: str):
    """Django set up on its own PostgreSQL (embedded, or DATABASE_URL), migrated."""
    from backend.stack import data_services

    var_dir = Path(tempfile.mkdtemp(prefix=prefix))
    with data_services(var_dir, durable=False) as env:
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "backend.settings"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        yield


def make_variants(cooperative, count: int, per_product: int = 5) -> list[int]:
    """`count` variants (SKU V-000000 ...) of published products; their ids, in SKU order."""
    from catalog.models import Product, ProductStatus, ProductVariant, Seller, SellerStatus

    seller = Seller.objects.create(cooperative=cooperative, business_name="Grosir Bench",
                                   slug="grosir-bench", owner_name="Bench", phone="+6281200000000",
                                   status=SellerStatus.APPROVED)
    for start in range(0, count, per_product * 2000):
        products = Product.objects.bulk_create([
            Product(cooperative=cooperative, seller=seller, name=f"Barang {n:06d}",
                    slug=f"barang-{n:06d}", status=ProductStatus.PUBLISHED)
            for n in range(start // per_product, min(count, start + per_product * 2000)
                           // per_product)])
        ProductVariant.objects.bulk_create([
            ProductVariant(cooperative=cooperative, product=product,
                           sku=f"V-{index * per_product + k:06d}", price=10000, position=k)
            for index, product in ((p.pk and int(p.slug[7:]), p) for p in products)
            for k in range(per_product)])
    return list(ProductVariant.objects.of(cooperative).order_by("sku").values_list(
        "pk", flat=True))

"""Demo stock: each store of a demo cooperative holds its products (benchmark products aside)."""

import random

from django.db import transaction

from catalog.models import ProductVariant

from .models import Location, MovementKind, Stock
from .services import stock_receive


@transaction.atomic
def populate_stock(cooperative) -> None:
    rng = random.Random(cooperative.pk)
    stores = list(Location.objects.of(cooperative).filter(kind="store"))
    variants = ProductVariant.objects.of(cooperative).exclude(sku__startswith="BENCH-")
    for variant in variants:
        for store in stores:
            if not Stock.objects.filter(variant=variant, location=store).exists():
                stock_receive(variant, store, rng.randrange(5, 80), reference="stok-awal",
                              kind=MovementKind.RECEIPT)

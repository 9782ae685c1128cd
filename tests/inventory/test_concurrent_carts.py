"""Many shoppers filling carts with overlapping products of one store at the same moment:
every cart gets its units held, and no two of them deadlock (each locks only stock rows, in
one order, never the store's own row)."""

import threading

import pytest
from django.db import connection

from catalog.models import Product, ProductStatus
from catalog.services.products import product_create
from inventory.models import Location, Reservation
from inventory.services import stock_receive
from orders.services.checkout import checkout_create, checkout_lines_set

pytestmark = pytest.mark.django_db(transaction=True)


def test_carts_filled_at_once_with_overlapping_products_all_succeed(coop_a, seller):
    store = Location.objects.create(cooperative=coop_a, name="Kopmart", code="k")
    variants = []
    for n in range(4):
        product = product_create(seller, {"name": f"Keripik {n}"},
                                 [{"sku": f"KRP-{n}", "price": 10000}])
        Product.objects.filter(pk=product.pk).update(status=ProductStatus.PUBLISHED)
        variant = product.variants.get()
        stock_receive(variant, store, 1000)
        variants.append(variant)
    carts = [checkout_create(coop_a, email=f"p{n}@example.test") for n in range(24)]
    outcomes, barrier = [], threading.Barrier(len(carts))

    def fill(n, cart):
        # each cart wants three of the four, in its own order
        wanted = [variants[(n + k) % 4] for k in range(3)][:: 1 if n % 2 else -1]
        try:
            barrier.wait()
            for _round in range(3):
                checkout_lines_set(cart, {v.pk: 1 for v in wanted})
            outcomes.append("ok")
        except Exception as error:
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=fill, args=(n, c)) for n, c in enumerate(carts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == ["ok"] * len(carts)
    assert Reservation.objects.count() == 3 * len(carts)

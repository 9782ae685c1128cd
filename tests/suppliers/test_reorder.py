"""Reorder arithmetic on a known sales history."""

from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import Product
from inventory.models import MovementKind, Stock, StockMovement
from inventory.services import Line, stock_allocate, stock_receive, stock_sell
from suppliers.models import PurchaseOrder, SupplierItem
from suppliers.services.purchasing import purchase_order_create
from suppliers.services.register import supplier_save
from suppliers.services.reorder import (
    purchase_order_create_from_suggestions,
    reorder_rule_set,
    reorder_suggestions,
)

pytestmark = pytest.mark.django_db


def sell(stock, quantity, days_ago, n):
    reference = f"order-{n}"
    stock_allocate(reference, [Line(stock.pk, quantity)])
    stock_sell(reference, [Line(stock.pk, quantity)])
    StockMovement.objects.filter(reference=reference, kind=MovementKind.SALE).update(
        created_at=timezone.now() - timedelta(days=days_ago, hours=1))


@pytest.fixture
def beras(groceries, store_a, distributor):
    """100 received; 84 sold over the last 28 days (3 a day); 10 more sold 40 days ago."""
    variant = groceries["BRS-5"]
    stock = stock_receive(variant, store_a, 110)
    for day in range(28):
        sell(stock, 3, day, day)
    sell(stock, 10, 40, 99)
    SupplierItem.objects.create(cooperative=variant.cooperative, supplier=distributor,
                                supplier_sku="S-BRS", variant=variant, pack_size=4,
                                cost_per_pack=260000)  # Rp65.000 a unit, lead time 2 days
    return variant


def only(suggestions, variant):
    return next(s for s in suggestions if s.variant_id == variant.pk)


def test_suggested_quantity_from_the_sales_history(coop_a, store_a, beras, distributor):
    assert Stock.objects.get(variant=beras, location=store_a).on_hand == 16
    s = only(reorder_suggestions(coop_a, store_a), beras)
    assert s.average_daily_sales == 3.0
    # reorder point 3 x (2 + 7) = 27 >= 16 on hand; target 3 x (2 + 7 + 14) = 69;
    # 69 - 16 = 53 units, rounded up to packs of 4: 14 packs = 56 units.
    assert (s.reorder_point, s.target, s.packs, s.quantity) == (27, 69, 14, 56)
    assert (s.supplier_id, s.expected_cost) == (distributor.pk, 14 * 260000)


def test_cheapest_supplier_that_has_the_quantity_unless_one_is_preferred(
        coop_a, store_a, beras, distributor):
    other = supplier_save(coop_a, {"name": "UD Tani Makmur", "lead_time_days": 1})
    cheaper = SupplierItem.objects.create(
        cooperative=coop_a, supplier=other, supplier_sku="TM-1", variant=beras, pack_size=5,
        cost_per_pack=300000, available_quantity=20)  # Rp60.000 a unit, but only 20 units
    assert only(reorder_suggestions(coop_a, store_a), beras).supplier_id == distributor.pk
    SupplierItem.objects.filter(pk=cheaper.pk).update(available_quantity=500, min_order_packs=12)
    s = only(reorder_suggestions(coop_a, store_a), beras)
    # lead time 1: point 24, target 3 x 22 = 66; 50 units = 10 packs, but at least 12 packs.
    assert (s.supplier_id, s.target, s.packs, s.quantity, s.expected_cost) == (
        other.pk, 66, 12, 60, 12 * 300000)
    SupplierItem.objects.filter(supplier=distributor).update(preferred=True)
    assert only(reorder_suggestions(coop_a, store_a), beras).supplier_id == distributor.pk


def test_incoming_orders_and_shelf_life_limit_the_order(coop_a, store_a, beras, distributor):
    purchase_order_create(coop_a, {"supplier": distributor, "location": store_a,
                                   "lines": [{"variant": beras, "packs": 2, "pack_size": 5}]})
    s = only(reorder_suggestions(coop_a, store_a), beras)
    assert (s.incoming, s.quantity) == (10, 44)  # 69 - 26 = 43 -> 11 packs
    Product.objects.filter(pk=beras.product_id).update(tracks_expiry=True, shelf_life_days=18)
    s = only(reorder_suggestions(coop_a, store_a), beras)
    # sells 3 x 18 = 54 units before expiry; 26 already there or coming: at most 28 -> 7 packs
    assert (s.quantity, s.limited_by_shelf_life) == (28, True)


def test_manager_levels_and_orders_from_suggestions(coop_a, store_a, beras, distributor,
                                                    groceries, manager_a):
    reorder_rule_set(beras, store_a, {"reorder_point": 10, "max_quantity": 40})
    assert all(s.variant_id != beras.pk for s in reorder_suggestions(coop_a, store_a))
    reorder_rule_set(beras, store_a, {"min_quantity": 20, "max_quantity": 40})
    s = only(reorder_suggestions(coop_a, store_a), beras)
    assert (s.reorder_point, s.target, s.quantity) == (20, 40, 24)
    orders = purchase_order_create_from_suggestions(coop_a, store_a, [{"variant": beras}],
                                                    actor=manager_a)
    assert len(orders) == 1 and orders[0].supplier == distributor
    line = orders[0].lines.get()
    assert (line.packs, line.pack_size, line.cost_per_pack) == (6, 4, 260000)
    assert PurchaseOrder.objects.get().status == "draft"
    # Now incoming covers it: nothing more is suggested.
    assert all(s.variant_id != beras.pk for s in reorder_suggestions(coop_a, store_a))

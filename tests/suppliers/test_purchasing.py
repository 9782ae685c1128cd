"""Purchase order to goods receipt: stock enters through the inventory ledger and the cost
becomes the moving average, exactly."""

import datetime

import pytest
from django.core import mail

from inventory.models import MovementKind, Stock, StockMovement
from inventory.services import stock_receive
from suppliers.models import GoodsReceiptLine, SupplierItem, VariantSupply
from suppliers.services.purchasing import (
    goods_receipt_create,
    purchase_order_cancel,
    purchase_order_close,
    purchase_order_create,
    purchase_order_send,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def beras_item(distributor, groceries):
    return SupplierItem.objects.create(
        cooperative=distributor.cooperative, supplier=distributor, supplier_sku="S-BRS",
        name="Beras 5kg", variant=groceries["BRS-5"], pack_size=4, cost_per_pack=260000)


@pytest.fixture
def order(coop_a, distributor, store_a, beras_item, groceries, manager_a):
    return purchase_order_create(coop_a, {
        "supplier": distributor, "location": store_a,
        "lines": [{"variant": groceries["BRS-5"], "packs": 5},
                  {"variant": groceries["GLA-1"], "packs": 10, "cost_per_pack": 17000}]},
        actor=manager_a)


def test_send_emails_the_supplier_a_printable_order(order, django_capture_on_commit_callbacks):
    assert order.number == "PO-000001" and order.status == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        purchase_order_send(order)
    order.refresh_from_db()
    assert order.status == "sent"
    sent = mail.outbox[-1]
    assert sent.to == ["order@sumber.test"] and order.number in sent.subject
    page = sent.alternatives[0][0]
    assert "S-BRS" in page and "Rp1.300.000" in page and "Toko Pusat" in page
    assert sent.attachments[0][0] == "PO-000001.html"


def test_receipt_moves_stock_and_cost_exactly(order, groceries, store_a, manager_a):
    beras = groceries["BRS-5"]
    stock_receive(beras, store_a, 10)  # already on the shelf, bought at Rp60.000
    VariantSupply.objects.create(cooperative=beras.cooperative, variant=beras,
                                 average_cost=60000)
    purchase_order_send(order)
    line = order.lines.get(variant=beras)
    assert line.quantity == 20
    goods_receipt_create(order, [{"line": line, "received_quantity": 20,
                                  "batch": "B-77", "expiry_date": datetime.date(2027, 6, 1)},
                                 {"line": order.lines.get(variant=groceries["GLA-1"]),
                                  "received_quantity": 10, "unit_cost": 17500}],
                         actor=manager_a)
    stock = Stock.objects.get(variant=beras, location=store_a)
    assert stock.on_hand == 30
    movement = StockMovement.objects.filter(stock=stock).first()
    assert (movement.kind, movement.quantity, movement.reference) == (
        MovementKind.RECEIPT, 20, "PO-000001")
    # (10 x 60.000 + 20 x 65.000) / 30 = 63.333,33 -> Rp63.333
    assert VariantSupply.objects.get(variant=beras).average_cost == 63333
    assert VariantSupply.objects.get(variant=groceries["GLA-1"]).average_cost == 17500
    order.refresh_from_db()
    assert order.status == "received"
    assert GoodsReceiptLine.objects.get(order_line=line).batch == "B-77"


def test_partial_receipt_with_damage_then_close_reports_the_shortfall(order, groceries,
                                                                      store_a):
    purchase_order_send(order)
    line = order.lines.get(variant=groceries["BRS-5"])
    goods_receipt_create(order, [{"line": line, "received_quantity": 12,
                                  "damaged_quantity": 2}])
    order.refresh_from_db()
    assert order.status == "partly_received"
    assert Stock.objects.get(variant=groceries["BRS-5"], location=store_a).on_hand == 12
    with pytest.raises(Exception, match="6"):
        goods_receipt_create(order, [{"line": line, "received_quantity": 7}])
    with pytest.raises(Exception, match="hanya 2 unit"):  # the same line twice counts twice
        goods_receipt_create(order, [{"line": line, "received_quantity": 4},
                                     {"line": line, "received_quantity": 3}])
    assert Stock.objects.get(variant=groceries["BRS-5"], location=store_a).on_hand == 12
    purchase_order_close(order)
    line.refresh_from_db()
    assert (line.received_quantity, line.damaged_quantity, line.outstanding) == (12, 2, 6)
    order.refresh_from_db()
    assert order.status == "closed"


def test_cancel_only_before_anything_arrived(order, groceries):
    purchase_order_send(order)
    goods_receipt_create(order, [{"line": order.lines.first(), "received_quantity": 1}])
    with pytest.raises(Exception, match="tutup pesanan"):
        purchase_order_cancel(order)


def test_an_order_below_the_suppliers_minimum_is_not_sent(order, distributor):
    distributor.minimum_order_value = 2_000_000
    distributor.save()
    with pytest.raises(Exception, match="Rp1.470.000.*Rp2.000.000"):
        purchase_order_send(order)
    order.refresh_from_db()
    assert order.status == "draft"

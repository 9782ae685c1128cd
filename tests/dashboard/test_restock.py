"""Restocking from the manager console: a suggestion becomes a purchase order, it is sent,
the goods are received, and stock rises by what arrived."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from inventory.models import MovementKind, Stock, StockMovement
from inventory.services import Line, stock_allocate, stock_receive, stock_sell
from suppliers.models import PurchaseOrder, SupplierItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def beras(groceries, store_a, distributor):
    """16 on the shelf, 3 sold a day for four weeks; the distributor packs 4 a carton."""
    variant = groceries["BRS-5"]
    stock = stock_receive(variant, store_a, 100)
    for day in range(28):
        reference = f"order-{day}"
        stock_allocate(reference, [Line(stock.pk, 3)])
        stock_sell(reference, [Line(stock.pk, 3)])
        StockMovement.objects.filter(reference=reference).update(
            created_at=timezone.now() - timedelta(days=day, hours=1))
    SupplierItem.objects.create(cooperative=variant.cooperative, supplier=distributor,
                                supplier_sku="S-BRS", variant=variant, pack_size=4,
                                cost_per_pack=260000)
    return variant


def test_a_manager_restocks_from_a_suggestion(client, manager_a, coop_a, store_a, beras,
                                              distributor, django_capture_on_commit_callbacks):
    client.force_login(manager_a)
    page = client.get(f"/kelola/koperasi-a/belanja/?location={store_a.pk}")
    text = page.content.decode()
    assert "Beras Premium 5 kg" in text and "CV Sumber Rejeki" in text and "Rp3.640.000" in text
    client.post("/kelola/koperasi-a/belanja/", {"location": store_a.pk,
                                                "variant": [beras.pk]})
    order = PurchaseOrder.objects.get()
    assert (order.status, order.supplier_id) == ("draft", distributor.pk)
    line = order.lines.get()
    assert (line.packs, line.pack_size) == (14, 4)
    url = f"/kelola/koperasi-a/pesanan-pembelian/{order.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url + "send/")
    order.refresh_from_db()
    assert order.status == "sent" and mail.outbox[-1].to == ["order@sumber.test"]
    too_many = client.post(url + "receive/", {f"received-{line.pk}": "57"}, follow=True)
    assert "56" in too_many.content.decode()  # only 56 units are still expected
    before = Stock.objects.get(variant=beras, location=store_a).on_hand
    client.post(url + "receive/", {f"received-{line.pk}": "50", f"damaged-{line.pk}": "2",
                                   f"expiry-{line.pk}": "2027-06-30"})
    order.refresh_from_db()
    assert order.status == "partly_received"
    assert Stock.objects.get(variant=beras, location=store_a).on_hand == before + 50
    receipt = StockMovement.objects.filter(kind=MovementKind.RECEIPT).latest("pk")
    assert (receipt.quantity, receipt.reference) == (50, order.number)
    history = client.get("/kelola/koperasi-a/stok/").content.decode()
    assert order.number in history


def test_a_shelf_count_needs_a_reason_and_is_recorded(client, manager_a, store_a, beras):
    client.force_login(manager_a)
    client.post("/kelola/koperasi-a/stok/", {"action": "adjust", "sku": "BRS-5",
                                             "location": store_a.pk, "counted": "10"})
    assert Stock.objects.get(variant=beras, location=store_a).on_hand == 16  # no reason
    client.post("/kelola/koperasi-a/stok/", {"action": "adjust", "sku": "brs-5",
                                             "location": store_a.pk, "counted": "10",
                                             "reason": "Dihitung ulang"})
    assert Stock.objects.get(variant=beras, location=store_a).on_hand == 10
    movement = StockMovement.objects.filter(kind=MovementKind.ADJUSTMENT).get()
    assert (movement.quantity, movement.reason) == (-6, "Dihitung ulang")


@pytest.mark.parametrize("page", ["belanja/", "pesanan-pembelian/", "stok/"])
def test_restock_pages_refuse_other_cooperatives_and_cashiers(client, page, manager_b, coop_a,
                                                              store_a):
    from tests.conftest import make_staff

    for person in (manager_b, make_staff(coop_a, "cashier")):
        client.force_login(person)
        assert client.get(f"/kelola/koperasi-a/{page}").status_code == 403

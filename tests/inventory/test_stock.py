"""Stock that is never sold twice, and a ledger that always adds up."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from graphql_relay import to_global_id

from inventory.models import Location, Reservation, Stock, StockMovement
from inventory.services import (
    InsufficientStock,
    Line,
    available,
    stock_adjust,
    stock_allocate,
    stock_deallocate,
    stock_receive,
    stock_reserve,
    stock_sell,
    stock_transfer,
)
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(coop_a):
    return Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")


@pytest.fixture
def warehouse(coop_a):
    return Location.objects.create(cooperative=coop_a, name="Gudang", code="gudang",
                                   kind="warehouse", pickup_allowed=False)


@pytest.fixture
def variant(published):
    return published.variants.get()


def test_receive_sell_and_the_ledger_adds_up(variant, store, manager_a):
    stock = stock_receive(variant, store, 20, actor=manager_a, reference="PO-1")
    stock_allocate("order-1", [Line(stock.pk, 3)])
    stock.refresh_from_db()
    assert (stock.on_hand, stock.allocated, available(stock)) == (20, 3, 17)
    stock_sell("order-1", [Line(stock.pk, 3)])
    stock_adjust(variant, store, counted=15, reason="2 bungkus rusak", actor=manager_a)
    stock.refresh_from_db()
    assert (stock.on_hand, stock.allocated) == (15, 0)
    kinds = list(StockMovement.objects.order_by("pk").values_list("kind", "quantity",
                                                                     "on_hand_after"))
    assert kinds == [("receipt", 20, 20), ("sale", -3, 17), ("adjustment", -2, 15)]
    call_command("check_stock_ledger")


def test_the_ledger_check_finds_a_count_changed_behind_its_back(variant, store):
    stock = stock_receive(variant, store, 5)
    Stock.objects.filter(pk=stock.pk).update(on_hand=7)
    with pytest.raises(Exception, match="1 stock counts disagree"):
        call_command("check_stock_ledger")


def test_reservations_hold_stock_until_they_expire(variant, store):
    stock = stock_receive(variant, store, 5)
    stock_reserve("checkout-a", [Line(stock.pk, 4)], minutes=10)
    with pytest.raises(InsufficientStock):
        stock_reserve("checkout-b", [Line(stock.pk, 2)], minutes=10)
    stock_reserve("checkout-a", [Line(stock.pk, 3)], minutes=10)  # its own hold is replaced
    stock_reserve("checkout-b", [Line(stock.pk, 2)], minutes=10)
    Reservation.objects.filter(reference="checkout-a").update(
        expires_at=timezone.now() - timedelta(seconds=1))
    assert available(stock) == 3
    stock_allocate("checkout-c", [Line(stock.pk, 3)])
    stock.refresh_from_db()
    assert available(stock) == 0


def test_adjusting_below_what_orders_were_promised_is_refused(variant, store):
    stock = stock_receive(variant, store, 5)
    stock_allocate("order-1", [Line(stock.pk, 4)])
    with pytest.raises(Exception) as caught:
        stock_adjust(variant, store, counted=3, reason="hitung ulang")
    assert caught.value.error_dict["counted"][0].code == "below_allocated"
    stock_deallocate("order-1", [Line(stock.pk, 4)])
    stock_adjust(variant, store, counted=3, reason="hitung ulang")


def test_transfer_moves_only_free_units(variant, store, warehouse):
    stock_receive(variant, warehouse, 10)
    out, into = stock_transfer(variant, warehouse, store, 6, reason="isi rak")
    assert (out.on_hand, into.on_hand) == (4, 6)
    with pytest.raises(InsufficientStock):
        stock_transfer(variant, warehouse, store, 5)
    call_command("check_stock_ledger")


@pytest.mark.django_db(transaction=True)
def test_fifty_shoppers_racing_for_the_last_five_units_get_exactly_five(coop_a, seller):
    from catalog.services.products import product_create

    product = product_create(seller, {"name": "Emping Terakhir"},
                             [{"sku": "EMP-LAST", "price": 10000}])
    store = Location.objects.create(cooperative=coop_a, name="Kopmart", code="k")
    stock = stock_receive(product.variants.get(), store, 5)
    results, barrier = [], threading.Barrier(50)

    def shopper(n):
        try:
            barrier.wait()
            stock_allocate(f"order-{n}", [Line(stock.pk, 1)])
            results.append("ok")
        except InsufficientStock:
            results.append("short")
        finally:
            connection.close()

    threads = [threading.Thread(target=shopper, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stock.refresh_from_db()
    assert results.count("ok") == 5 and results.count("short") == 45
    assert (stock.on_hand, stock.allocated, available(stock)) == (5, 5, 0)


def test_inventory_api_for_staff_only(gql, manager_a, coop_a, variant, store, seller, manager_b):
    stock_receive(variant, store, 8)
    ids = {"variant": to_global_id("ProductVariant", variant.pk),
           "location": to_global_id("Location", store.pk)}
    adjust = """mutation($variant: ID!, $location: ID!) { stockAdjust(variant: $variant,
        location: $location, counted: 6, reason: "kedaluwarsa") {
        stock { onHand available } errors { field code } } }"""
    for outsider in (seller.owner, manager_b, make_staff(coop_a, "cashier")):
        body = gql.login(outsider).post(adjust, ids)
        assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    done = gql.login(manager_a)(adjust, ids)["stockAdjust"]
    assert done == {"stock": {"onHand": 6, "available": 6}, "errors": []}
    moves = gql('{ stockMovements(cooperative: "koperasi-a", first: 10) { edges { node { '
                "kind quantity reason actorName } } } }")["stockMovements"]["edges"]
    assert moves[0]["node"] == {"kind": "adjustment", "quantity": -2, "reason": "kedaluwarsa",
                                "actorName": str(manager_a)}
    stores = gql('{ locations(cooperative: "koperasi-a", first: 5, pickup: true) { edges {'
                 " node { name } } } }", HTTP_AUTHORIZATION="")["locations"]["edges"]
    assert [e["node"]["name"] for e in stores] == ["Kopmart Cipare"]


def test_shoppers_see_whether_a_product_is_in_stock_and_can_filter(variant, store, published):
    from tests.conftest import GraphQLClient

    listing = """query($inStock: Boolean) { products(cooperative: "koperasi-a", first: 10,
        filter: {inStock: $inStock}) { edges { node { name inStock variants {
        quantityAvailable } } } } }"""
    shopper = GraphQLClient()
    assert shopper(listing, {"inStock": True})["products"]["edges"] == []
    sold_out = shopper(listing, {"inStock": False})["products"]["edges"][0]["node"]
    assert sold_out == {"name": "Emping Melinjo Original", "inStock": False,
                        "variants": [{"quantityAvailable": 0}]}
    stock = stock_receive(variant, store, 3)
    stock_reserve("checkout-x", [Line(stock.pk, 1)], minutes=10)
    node = shopper(listing, {"inStock": True})["products"]["edges"][0]["node"]
    assert node["inStock"] is True and node["variants"] == [{"quantityAvailable": 2}]
    store.is_active = False
    store.save()
    assert shopper(listing, {"inStock": True})["products"]["edges"] == []

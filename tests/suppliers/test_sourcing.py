"""Drop-ship: what shoppers can buy follows the supplier's feed, through the inventory.
Consignment (titip jual): the statement pays only for units sold."""

from datetime import timedelta

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.models import ProductVariant
from inventory.models import MovementKind, StockMovement
from inventory.selectors import free_units_of_variants
from inventory.services import Line, ledger_mismatches, stock_allocate, stock_receive, stock_sell
from suppliers.models import SupplierItem
from suppliers.services.feeds import feed_rows, feed_sync
from suppliers.services.register import supplier_item_map

pytestmark = pytest.mark.django_db

HEADER = "kode;nama;isi;harga;stok\n"


def push(supplier, body):
    return feed_sync(supplier, feed_rows((HEADER + body).encode(), "csv"), source="push",
                     dry_run=False)


def shoppers_can_buy(variant):
    return ProductVariant.objects.annotate(free=free_units_of_variants()).get(
        pk=variant.pk).free


def test_drop_ship_availability_follows_the_feed(gql, manager_a, distributor, groceries):
    minyak = groceries["MYK-2"]
    push(distributor, "S-MYK;Minyak 2L;12;400.000;40\n")
    supplier_item_map(SupplierItem.objects.get(supplier_sku="S-MYK"), minyak)
    gql.login(manager_a)
    done = gql("""mutation($v: ID!, $s: ID!) { variantSourcingSet(variant: $v,
        sourcing: DROP_SHIP, supplier: $s) { sourcing errors { field code } } }""",
               {"v": to_global_id("ProductVariant", minyak.pk),
                "s": to_global_id("Supplier", distributor.pk)})["variantSourcingSet"]
    assert done == {"sourcing": "DROP_SHIP", "errors": []}
    assert shoppers_can_buy(minyak) == 40
    push(distributor, "S-MYK;Minyak 2L;12;400.000;5\n")
    assert shoppers_can_buy(minyak) == 5
    push(distributor, "S-GLA;Gula;12;190.000;10\n")  # the oil left the feed
    assert shoppers_can_buy(minyak) == 0
    assert ledger_mismatches(distributor.cooperative) == []


def test_consignment_statement_pays_only_for_units_sold(gql, manager_a, distributor,
                                                        groceries, store_a):
    gula = groceries["GLA-1"]
    SupplierItem.objects.create(cooperative=gula.cooperative, supplier=distributor,
                                supplier_sku="S-GLA", variant=gula, pack_size=10,
                                cost_per_pack=150000)
    gql.login(manager_a)
    gql("""mutation($v: ID!, $s: ID!) { variantSourcingSet(variant: $v, sourcing: CONSIGNMENT,
        supplier: $s) { errors { code } } }""",
        {"v": to_global_id("ProductVariant", gula.pk),
         "s": to_global_id("Supplier", distributor.pk)})
    stock = stock_receive(gula, store_a, 20)
    stock_allocate("o-1", [Line(stock.pk, 7)])
    stock_sell("o-1", [Line(stock.pk, 7)])
    stock_receive(gula, store_a, 1, kind=MovementKind.CUSTOMER_RETURN)
    stock_allocate("o-0", [Line(stock.pk, 4)])
    stock_sell("o-0", [Line(stock.pk, 4)])
    StockMovement.objects.filter(reference="o-0").update(
        created_at=timezone.now() - timedelta(days=40))  # last period's sale
    start = (timezone.now() - timedelta(days=30)).isoformat()
    end = (timezone.now() + timedelta(minutes=1)).isoformat()
    data = gql("""query($a: DateTime!, $b: DateTime!) { consignmentStatements(
        cooperative: "koperasi-a", start: $a, end: $b) { supplier { name }
        lines { variant { sku } unitsSold unitCost { amount } amount { amount } }
        total { formatted } } }""", {"a": start, "b": end})["consignmentStatements"]
    assert data == [{"supplier": {"name": "CV Sumber Rejeki"},
                     "lines": [{"variant": {"sku": "GLA-1"}, "unitsSold": 6,
                                "unitCost": {"amount": 15000}, "amount": {"amount": 90000}}],
                     "total": {"formatted": "Rp90.000"}}]


def test_the_suppliers_stock_is_not_a_place_shoppers_see(gql, distributor, groceries,
                                                         store_a):
    from suppliers.services.sourcing import variant_sourcing_set

    variant_sourcing_set(groceries["MYK-2"], "drop_ship", distributor)
    places = gql('query { locations(cooperative: "koperasi-a", first: 10) { edges { node {'
                 ' name } } } }')["locations"]["edges"]
    assert [e["node"]["name"] for e in places] == ["Toko Pusat"]


def test_a_drop_ship_product_is_bought_and_collected_from_the_suppliers_stock(
        distributor, groceries, store_a, coop_a):
    from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
    from orders.services.lifecycle import order_hand_over, order_mark_paid
    from suppliers.services.sourcing import variant_sourcing_set
    from tests.conftest import make_user

    minyak = groceries["MYK-2"]
    push(distributor, "S-MYK;Minyak 2L;12;400.000;3\n")
    supplier_item_map(SupplierItem.objects.get(supplier_sku="S-MYK"), minyak)
    variant_sourcing_set(minyak, "drop_ship", distributor)
    shopper = make_user(email="siti@example.test")
    checkout = checkout_create(coop_a, shopper)  # served by the coop-mart store
    checkout_lines_set(checkout, {minyak.pk: 2})
    order = checkout_complete(checkout, shopper)
    line = order.lines.get()
    assert line.stock.location.kind == "supplier"
    assert shoppers_can_buy(minyak) == 1  # 2 of the supplier's 3 are promised
    order_mark_paid(order, None)
    order.refresh_from_db()
    order.lines.update(fulfilment="ready")  # packed at the store
    order_hand_over(order, None, pickup_code=order.pickup_code)
    sale = StockMovement.objects.get(kind=MovementKind.SALE)
    assert (sale.quantity, sale.stock.location.kind) == (-2, "supplier")
    push(distributor, "S-MYK;Minyak 2L;12;400.000;1\n")  # the feed says what is left
    assert shoppers_can_buy(minyak) == 1
    assert ledger_mismatches(coop_a) == []

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

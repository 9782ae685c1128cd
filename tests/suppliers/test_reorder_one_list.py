"""The reorder list is one selector: the console and the API list the same rows, most
urgent first (the console used to list by variant id)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from inventory.models import StockMovement
from inventory.services import Line, stock_allocate, stock_receive, stock_sell
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db


def _sell_daily(variant, store, on_shelf: int, per_day: int) -> None:
    stock = stock_receive(variant, store, on_shelf + per_day * 28)
    for day in range(28):
        reference = f"{variant.sku}-{day}"
        stock_allocate(reference, [Line(stock.pk, per_day)])
        stock_sell(reference, [Line(stock.pk, per_day)])
        StockMovement.objects.filter(reference=reference).update(
            created_at=timezone.now() - timedelta(days=day, hours=1))


def test_console_and_api_list_most_urgent_first(client, manager_a, store_a, groceries):
    rice, sugar, oil = groceries["BRS-5"], groceries["GLA-1"], groceries["MYK-2"]
    assert rice.pk < sugar.pk < oil.pk
    _sell_daily(rice, store_a, on_shelf=20, per_day=2)  # 10 days left
    _sell_daily(sugar, store_a, on_shelf=4, per_day=2)  # 2 days left
    _sell_daily(oil, store_a, on_shelf=1, per_day=2)  # half a day left
    client.force_login(manager_a)
    page = client.get(f"/kelola/koperasi-a/belanja/?location={store_a.pk}").content.decode()
    shown = [sku for sku in ("BRS-5", "GLA-1", "MYK-2") if sku in page]
    on_page = sorted(shown, key=page.index)
    api = GraphQLClient().login(manager_a)("""query($l: ID!) { reorderSuggestions(location: $l)
        { variant { sku } } }""", {"l": to_global_id("Location", store_a.pk)})
    listed = [row["variant"]["sku"] for row in api["reorderSuggestions"]]
    assert listed[:2] == ["MYK-2", "GLA-1"]
    assert on_page == listed

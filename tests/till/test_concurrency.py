"""Two tills at once, on real PostgreSQL transactions in two threads: selling the last units
(both sales stand, the books go below zero and nothing is lost from the ledger, and online
checkout then refuses), and the same offline sale flushed by two tabs at once (recorded
once)."""

import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from inventory.models import Stock
from inventory.services import Line, ledger_mismatches, stock_adjust, stock_allocate
from till.models import TillPayment, TillSale, TillSaleLine
from till.services.sales import till_sale_create
from till.services.shifts import till_shift_open, till_staff_assign

from .builders import build_shop, cash_sale

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*calls):
    """Run the calls in threads released together; their results (or errors), in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001  (the test looks at it)
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_tills_at_once():
    """The last unit sold by two tills at once; the same sale sent by two tabs at once."""
    shop = build_shop("kopmart-dua")
    stock_adjust(shop.emping, shop.store_a, counted=1, reason="hitung rak")
    second = shop.manager  # a manager may work any till of the store
    till_staff_assign(shop.store_a, shop.cashier)
    shifts = [till_shift_open(shop.store_a, shop.cashier), till_shift_open(shop.store_a, second)]
    results = at_once(*[
        (lambda s=s, who=who: till_sale_create(s, who, cash_sale([(shop.emping, 1)], 25000)))
        for s, who in zip(shifts, (shop.cashier, second), strict=True)])
    assert all(isinstance(r, tuple) and r[1] for r in results), results
    stock = Stock.objects.get(variant=shop.emping, location=shop.store_a)
    assert stock.on_hand == -1
    assert ledger_mismatches(shop.coop) == []
    with pytest.raises(ValidationError):  # online still never oversells
        stock_allocate("order:Z", [Line(stock.pk, 1)])

    shift = shifts[0]
    client_id = str(uuid.uuid4())
    results = at_once(*[
        (lambda: till_sale_create(shift, shop.cashier, cash_sale(
            [(shop.emping, 2)], 50000, client_id=client_id))) for _ in range(2)])
    assert sorted(r[1] for r in results) == [False, True], results
    assert results[0][0].pk == results[1][0].pk
    assert (TillSale.objects.filter(client_id=client_id).count(),
            TillSaleLine.objects.filter(sale__client_id=client_id).count(),
            TillPayment.objects.filter(sale__client_id=client_id).count()) == (1, 1, 1)
    assert Stock.objects.get(variant=shop.emping, location=shop.store_a).on_hand == -3

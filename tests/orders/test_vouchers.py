"""Vouchers: what they take off, when they may be used, and limits that hold under a rush."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from inventory.models import Location
from inventory.services import stock_receive
from orders.models import Order, Voucher
from orders.services.checkout import (
    checkout_complete,
    checkout_create,
    checkout_lines_set,
    checkout_totals,
    checkout_voucher_set,
)
from orders.services.vouchers import voucher_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def variant(published, coop_a):
    store = Location.objects.create(cooperative=coop_a, name="Kopmart", code="k")
    variant = published.variants.get()  # Rp25.000
    stock_receive(variant, store, 100)
    return variant


def cart(coop_a, variant, quantity=2, email="a@example.test"):
    checkout = checkout_create(coop_a, email=email)
    checkout_lines_set(checkout, {variant.pk: quantity})
    return checkout


def test_percent_and_fixed_vouchers_with_minimum_spend(coop_a, variant):
    voucher_save(coop_a, {"code": "hemat10", "kind": "percent", "value": 10,
                          "min_spend": 40000})
    voucher_save(coop_a, {"code": "POTONG5RB", "kind": "fixed", "value": 5000})
    small = cart(coop_a, variant, 1)
    with pytest.raises(Exception) as caught:
        checkout_voucher_set(small, "HEMAT10")
    assert caught.value.error_dict["voucher"][0].code == "voucher_min_spend"
    assert "Rp40.000" in caught.value.error_dict["voucher"][0].message
    big = cart(coop_a, variant, 2)
    big = checkout_voucher_set(big, " hemat10 ")
    totals = checkout_totals(big)
    assert (totals.subtotal, totals.discount, totals.total) == (50000, 5000, 45000)
    checkout_voucher_set(big, "potong5rb")
    order = checkout_complete(big)
    assert (order.discount, order.total, order.voucher.code) == (5000, 45000, "POTONG5RB")


def test_a_voucher_outside_its_window_or_scope_is_refused(coop_a, variant, other_seller):
    voucher_save(coop_a, {"code": "LEWAT", "kind": "fixed", "value": 1000,
                          "ends_at": timezone.now() - timedelta(days=1)})
    voucher_save(coop_a, {"code": "UJANG", "kind": "percent", "value": 20,
                          "seller": other_seller})
    checkout = cart(coop_a, variant)
    for code, reason in (("LEWAT", "voucher_not_valid"), ("UJANG", "voucher_not_applicable"),
                         ("TIDAKADA", "not_found")):
        with pytest.raises(Exception) as caught:
            checkout_voucher_set(checkout, code)
        assert caught.value.error_dict["voucher"][0].code == reason


def test_per_customer_limit(coop_a, variant):
    voucher_save(coop_a, {"code": "SEKALI", "kind": "fixed", "value": 1000,
                          "per_customer_limit": 1})
    first = cart(coop_a, variant)
    checkout_voucher_set(first, "SEKALI")
    checkout_complete(first)
    again = cart(coop_a, variant)
    with pytest.raises(Exception) as caught:
        checkout_voucher_set(again, "SEKALI")
    assert caught.value.error_dict["voucher"][0].code == "voucher_used_up"
    checkout_voucher_set(cart(coop_a, variant, email="b@example.test"), "SEKALI")


@pytest.mark.django_db(transaction=True)
def test_a_usage_limit_holds_when_many_complete_at_once(coop_a, variant):
    voucher = voucher_save(coop_a, {"code": "TIGA", "kind": "fixed", "value": 2000,
                                    "usage_limit": 3})
    checkouts = []
    for n in range(20):
        checkout = cart(coop_a, variant, 1, email=f"p{n}@example.test")
        checkout_voucher_set(checkout, "TIGA")
        checkouts.append(checkout)
    outcomes, barrier = [], threading.Barrier(20)

    def complete(checkout):
        try:
            barrier.wait()
            checkout_complete(checkout)
            outcomes.append("order")
        except Exception as error:
            outcomes.append(error.error_dict["voucher"][0].code)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete, args=(c,)) for c in checkouts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("order") == 3 and outcomes.count("voucher_used_up") == 17
    assert Voucher.objects.get(pk=voucher.pk).used_count == 3
    assert Order.objects.filter(voucher=voucher).count() == 3


def test_vouchers_are_managed_by_order_staff(gql, manager_a, seller):
    create = """mutation { voucherCreate(cooperative: "koperasi-a", input: {code: "rat2026",
        kind: PERCENT, value: 5}) { voucher { code kind value } errors { field code } } }"""
    denied = gql.login(seller.owner).post(create)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    made = gql.login(manager_a)(create)["voucherCreate"]
    assert made == {"voucher": {"code": "RAT2026", "kind": "PERCENT", "value": 5}, "errors": []}

"""From cart to collected order: prices shown are prices charged, stock is never sold twice,
and a collected order counts toward the member's SHU."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from inventory.models import Location, Stock
from inventory.services import available, stock_receive
from members.models import Member, PatronageEntry, PriceRule
from orders.models import Order
from orders.services.checkout import (
    checkout_complete,
    checkout_contact_set,
    checkout_create,
    checkout_lines_set,
    checkout_totals,
)
from orders.services.lifecycle import order_cancel, order_hand_over, order_mark_paid
from tests.conftest import make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(coop_a):
    return Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")


@pytest.fixture
def variant(published, store):
    variant = published.variants.get()  # Rp25.000
    stock_receive(variant, store, 10)
    return variant


@pytest.fixture
def member_user(coop_a):
    user = make_user(email="anggota@example.test")
    Member.objects.create(cooperative=coop_a, member_number="A-1", full_name="Siti",
                          status="anggota", user=user, dues_paid_until=timezone.localdate())
    PriceRule.objects.create(cooperative=coop_a, name="Anggota", kind="percent",
                             value=Decimal(10))
    return user


def test_a_member_pays_the_member_price_shown_and_the_sale_counts_for_shu(
        coop_a, variant, member_user, store):
    checkout = checkout_create(coop_a, member_user)
    checkout_lines_set(checkout, {variant.pk: 2})
    shown = checkout_totals(checkout)
    assert (shown.lines[0].unit_price, shown.subtotal) == (22500, 45000)
    assert available(Stock.objects.get(variant=variant)) == 8  # held while shopping
    order = checkout_complete(checkout, member_user)
    assert (order.total, order.member.member_number) == (45000, "A-1")
    assert order.number.startswith("KA-") and len(order.pickup_code) == 6
    line = order.lines.get()
    assert (line.unit_price, line.regular_unit_price, line.is_member_price) == (
        22500, 25000, True)
    cashier = make_staff(coop_a, "cashier")
    order_mark_paid(order, cashier)
    order.lines.update(fulfilment="ready")  # the seller packed it
    order_hand_over(order, cashier, pickup_code=order.pickup_code)
    stock = Stock.objects.get(variant=variant)
    assert (stock.on_hand, stock.allocated) == (8, 0)
    entry = PatronageEntry.objects.get()
    assert (entry.member.member_number, entry.amount) == ("A-1", 45000)
    assert [e.kind for e in order.events.all()] == ["placed", "paid", "completed"]


def test_a_member_whose_dues_lapse_mid_checkout_pays_the_regular_price_and_is_told(
        coop_a, variant, member_user):
    checkout = checkout_create(coop_a, member_user)
    checkout_lines_set(checkout, {variant.pk: 1})
    assert checkout_totals(checkout).subtotal == 22500
    Member.objects.filter(user=member_user).update(dues_paid_until="2020-01-31")
    order = checkout_complete(checkout, member_user)
    assert order.total == 25000 and order.member is None
    assert order.member_price_note == (
        "Simpanan wajib Anda tertunggak; lunasi agar mendapat harga anggota lagi.")


def test_a_guest_needs_a_contact_and_cannot_buy_more_than_there_is(coop_a, variant):
    checkout = checkout_create(coop_a)
    with pytest.raises(Exception) as short:
        checkout_lines_set(checkout, {variant.pk: 11})
    assert short.value.error_dict["lines"][0].code == "insufficient_stock"
    checkout_lines_set(checkout, {variant.pk: 3})
    with pytest.raises(Exception) as no_contact:
        checkout_complete(checkout)
    assert no_contact.value.error_dict["email"][0].code == "required"
    checkout_contact_set(checkout, phone="0812 3333 4444")
    order = checkout_complete(checkout)
    assert order.phone == "+6281233334444" and order.total == 75000
    order_cancel(order, None, "Tidak jadi")
    assert available(Stock.objects.get(variant=variant)) == 10


def test_an_unpublished_product_cannot_be_put_in_a_cart(coop_a, variant, published):
    published.status = "draft"
    published.save()
    with pytest.raises(Exception) as caught:
        checkout_lines_set(checkout_create(coop_a), {variant.pk: 1})
    assert caught.value.error_dict["variant_id"][0].code == "not_found"


@pytest.mark.django_db(transaction=True)
def test_fifty_checkouts_completing_at_once_for_five_units_make_exactly_five_orders(
        coop_a, seller):
    from catalog.services.products import product_create

    product = product_create(seller, {"name": "Sambal Terakhir"},
                             [{"sku": "SMB-LAST", "price": 30000}])
    product.status = "published"
    product.save()
    store = Location.objects.create(cooperative=coop_a, name="Kopmart", code="k")
    variant = product.variants.get()
    stock_receive(variant, store, 5)
    checkouts = []
    for n in range(50):
        checkout = checkout_create(coop_a, email=f"pembeli{n}@example.test")
        checkout.lines.create(variant=variant, quantity=1)  # carts filled before the rush
        checkouts.append(checkout)
    outcomes, barrier = [], threading.Barrier(50)

    def complete(checkout):
        try:
            barrier.wait()
            checkout_complete(checkout)
            outcomes.append("order")
        except Exception as error:  # the losers get an error, not an order
            codes = getattr(error, "error_dict", {}).get("lines", [])
            outcomes.append(codes[0].code if codes else repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=complete, args=(c,)) for c in checkouts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("order") == 5
    assert outcomes.count("insufficient_stock") == 45
    stock = Stock.objects.get(variant=variant)
    assert (stock.on_hand, stock.allocated) == (5, 5)
    assert Order.objects.count() == 5
    assert len(set(Order.objects.values_list("number", flat=True))) == 5


def test_unpaid_orders_past_their_deadline_are_cancelled_and_stock_returns(coop_a, variant):
    from datetime import timedelta

    from orders.services.lifecycle import unpaid_orders_cancel

    checkout = checkout_create(coop_a, email="lupa@example.test")
    checkout_lines_set(checkout, {variant.pk: 4})
    order = checkout_complete(checkout)
    assert available(Stock.objects.get(variant=variant)) == 6
    assert unpaid_orders_cancel() == 0
    assert unpaid_orders_cancel(timezone.now() + timedelta(hours=49)) == 1
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert available(Stock.objects.get(variant=variant)) == 10
    assert order.events.last().message == "Tidak dibayar tepat waktu."

"""Edges found in review: money that must net to the rupiah, orders that must not get stuck
or be cancelled after goods left, carts that must not outlive their products."""

import pytest

from catalog.models import Product, ProductStatus
from inventory.models import Location
from inventory.services import stock_receive
from orders.models import CourierRate, LocalDeliveryArea, Order, PayoutEntry, Voucher
from orders.services.checkout import (
    checkout_complete,
    checkout_contact_set,
    checkout_create,
    checkout_lines_set,
    checkout_voucher_set,
)
from orders.services.checkout_delivery import checkout_delivery_set, checkout_shipping_address_set
from orders.services.fulfilment import order_lines_fulfill
from orders.services.lifecycle import order_cancel, order_hand_over, order_mark_paid
from orders.services.refunds import order_refund
from tests.conftest import make_staff, make_user

pytestmark = pytest.mark.django_db

ADDRESS = {"street_address": "Jl. Cipare 1", "village": "Cipare", "district": "Serang",
           "city": "Kota Serang", "province": "Banten", "postal_code": "42117",
           "recipient_name": "Siti", "phone": "081255556666"}


@pytest.fixture
def store(coop_a):
    return Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")


@pytest.fixture
def chips(other_seller, store):
    from catalog.services import products

    made = products.product_create(other_seller, {"name": "Keripik Singkong"},
                                   [{"sku": "KRP-1", "price": 10000, "weight_grams": 100}])
    Product.objects.filter(pk=made.pk).update(status=ProductStatus.PUBLISHED)
    stock_receive(made.variants.get(), store, 10)
    return made.variants.get()


@pytest.fixture
def emping(published, store):
    variant = published.variants.get()  # Rp25.000
    stock_receive(variant, store, 10)
    return variant


def _order(coop_a, quantities, *, voucher=None, delivery=None, payment=None):
    shopper = make_user(email=f"p{Order.objects.count()}@example.test")
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {v.pk: q for v, q in quantities.items()})
    if voucher:
        checkout_voucher_set(checkout, voucher)
    if delivery:
        checkout_shipping_address_set(checkout, ADDRESS)
        checkout_delivery_set(checkout, option_code=delivery(coop_a))
    return checkout_complete(checkout, shopper, payment)


def test_refunds_one_unit_at_a_time_net_to_exactly_what_was_paid_and_credited(
        coop_a, emping, seller):
    Voucher.objects.create(cooperative=coop_a, code="YATI", kind="fixed", value=10000,
                           seller=seller)
    order = _order(coop_a, {emping: 3}, voucher="YATI")  # Rp75.000 - Rp10.000
    assert order.total == 65000
    order_mark_paid(order, None)
    order.refresh_from_db()
    order.lines.update(fulfilment="ready")  # the seller packed it
    order = order_hand_over(order, None, pickup_code=order.pickup_code)
    line = order.lines.get()
    amounts = [order_refund(order, None, quantities={line.pk: 1}, reason="Retur").amount
               for _ in range(3)]
    assert sum(amounts) == 65000 and amounts == [21667, 21667, 21666]
    entries = PayoutEntry.objects.filter(order_line=line)
    assert sum(e.gross for e in entries) == 0 and sum(e.amount for e in entries) == 0
    assert sum(e.commission for e in entries) == 0
    order.refresh_from_db()
    assert (order.status, order.refunded_total) == ("refunded", 65000)


def _courier(coop_a):
    rate = CourierRate.objects.create(cooperative=coop_a, service="JNE", max_grams=5000,
                                      fee=15000)
    return f"courier:{rate.pk}"


def test_refunding_the_line_that_held_a_delivery_back_ships_the_order(coop_a, emping, chips,
                                                                     seller, other_seller):
    coop_a.bank_transfer_instructions = "BRI 0123"
    coop_a.save()
    order = _order(coop_a, {emping: 1, chips: 2}, delivery=_courier, payment="bank_transfer")
    order_mark_paid(order, None)
    staff = make_staff(coop_a, "staff")
    emping_line, chips_line = order.lines.get(seller=seller), order.lines.get(seller=other_seller)
    order_lines_fulfill([emping_line], staff, "shipped", "JNE-1")
    order.refresh_from_db()
    assert order.status == "paid"  # the chips are still to come
    order_refund(order, staff, quantities={chips_line.pk: 2}, reason="Stok habis")
    order.refresh_from_db()
    assert order.status == "shipped"


def test_cash_on_delivery_cannot_be_cancelled_once_goods_left(coop_a, emping, chips, seller):
    def riders(cooperative):
        area = LocalDeliveryArea.objects.create(cooperative=cooperative, name="Serang",
                                                city="Kota Serang", fee=5000)
        return f"local:{area.pk}"

    order = _order(coop_a, {emping: 1, chips: 1}, delivery=riders)
    assert order.payment_method == "cash_on_delivery"
    order_lines_fulfill([order.lines.get(seller=seller)], make_staff(coop_a, "staff"),
                        "shipped")
    with pytest.raises(Exception) as refused:
        order_cancel(order, None, "berubah pikiran")
    assert "invalid_status" in str(refused.value.error_dict["id"][0].code)
    order.refresh_from_db()
    assert order.status == "unpaid"


def test_a_cart_cannot_be_completed_after_its_product_is_withdrawn(coop_a, emping, published):
    shopper = make_user(email="siti@example.test")
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {emping.pk: 1})
    checkout_contact_set(checkout, email="siti@example.test")
    Product.objects.filter(pk=published.pk).update(status=ProductStatus.DRAFT)
    with pytest.raises(Exception) as refused:
        checkout_complete(checkout, shopper)
    assert refused.value.error_dict["lines"][0].code == "not_found"
    assert not Order.objects.exists()


def test_zeros_in_the_console_refund_form_refund_nothing(client, coop_a, emping, manager_a):
    order = _order(coop_a, {emping: 2})
    order_mark_paid(order, None)
    line = order.lines.get()
    client.force_login(manager_a)
    client.post(f"/kelola/koperasi-a/pesanan/{order.number}/refund/",
                {f"line-{line.pk}": "0", "reason": "salah klik"})
    order.refresh_from_db()
    assert order.refunded_total == 0


def test_a_second_card_attempt_for_the_same_total_reuses_the_payment(coop_a, emping, stripe_on):
    from orders.models import Payment
    from orders.services.payments import checkout_payment_create

    shopper = make_user(email="siti@example.test")
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {emping.pk: 1})
    first = checkout_payment_create(checkout, "card")
    Payment.objects.filter(pk=first.pk).update(status="failed")  # the card was declined
    again = checkout_payment_create(checkout, "card")
    assert again.pk == first.pk and Payment.objects.count() == 1
    checkout_lines_set(checkout, {emping.pk: 2}, replace=True)
    other = checkout_payment_create(checkout, "card")
    assert other.pk != first.pk and other.amount == 50000
    assert Payment.objects.get(pk=first.pk).status == "cancelled"
    checkout_lines_set(checkout, {emping.pk: 1}, replace=True)  # back to the first total
    third = checkout_payment_create(checkout, "card")
    assert third.pk not in (first.pk, other.pk) and third.psp_reference != first.psp_reference

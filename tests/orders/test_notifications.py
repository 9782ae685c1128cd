"""Order news reaches the shopper and each seller involved over WhatsApp (the Cloud API
emulator of tests/emulators/), sent by a real Celery worker after the change commits."""

import time

import pytest

from inventory.models import Location
from inventory.services import stock_receive
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from orders.services.fulfilment import order_lines_fulfill
from orders.services.lifecycle import order_mark_paid
from tests.conftest import make_staff, make_user


@pytest.fixture
def outbox(connected_coop, whatsapp_cloud):
    return whatsapp_cloud.inbox


def _wait_for(outbox, count, seconds=15):
    deadline = time.monotonic() + seconds
    while len(outbox) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return outbox


@pytest.mark.worker
def test_shopper_and_sellers_hear_about_the_order_as_it_moves(
        celery_worker_thread, outbox, coop_a, published, seller, other_seller):
    store = Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")
    from catalog.models import Product, ProductStatus
    from catalog.services import products

    chips = products.product_create(other_seller, {"name": "Keripik Singkong"},
                                    [{"sku": "KRP-1", "price": 10000}])
    Product.objects.filter(pk=chips.pk).update(status=ProductStatus.PUBLISHED)
    emping, keripik = published.variants.get(), chips.variants.get()
    stock_receive(emping, store, 5)
    stock_receive(keripik, store, 5)
    shopper = make_user(email="siti@example.test", phone="+6281255556666")
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {emping.pk: 2, keripik.pk: 1})
    order = checkout_complete(checkout, shopper)

    placed = _wait_for(outbox, 3)
    to_shopper = [m for m in placed if m["phone"] == "+6281255556666"]
    assert len(to_shopper) == 1
    assert to_shopper[0]["message"].startswith(f"Terima kasih! Pesanan Anda {order.number} "
                                               "(Rp60.000)")  # Bahasa Indonesia first
    assert order.pickup_code in to_shopper[0]["message"]
    assert f"/k/koperasi-a/pesanan/{order.checkout_token}/" in to_shopper[0]["message"]
    by_phone = {m["phone"]: m["message"] for m in placed if m["phone"] != "+6281255556666"}
    assert "2 x Emping Melinjo Original" in by_phone["+6281211112222"]
    assert "Keripik" not in by_phone["+6281211112222"]  # each seller hears of its own lines
    assert "1 x Keripik Singkong" in by_phone["+6281233334444"]

    order_mark_paid(order, make_staff(coop_a, "cashier"))
    paid = _wait_for(outbox, 4)[-1]
    assert paid["message"].startswith(f"Kami sudah menerima Rp60.000 untuk pesanan {order.number}")
    order_lines_fulfill(list(order.lines.all()), make_staff(coop_a, "staff"), "ready")
    ready = _wait_for(outbox, 5)[-1]
    assert "siap diambil di Kopmart Cipare" in ready["message"]
    assert ready["phone"] == "+6281255556666"
    assert len(outbox) == 5

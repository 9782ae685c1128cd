"""Orders built through the real services, for tests that need one to exist."""

from inventory.services import stock_receive
from orders.models import PayoutEntry
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from orders.services.lifecycle import order_mark_paid
from tests.conftest import make_staff


def paid_order_with_payout_entry(cooperative, seller, variant, store, shopper):
    """A shopper's paid order of one unit, and the seller's payout entry for its line."""
    stock_receive(variant, store, 5)
    checkout = checkout_create(cooperative, shopper)
    checkout_lines_set(checkout, {variant.pk: 1})
    order = checkout_complete(checkout, shopper)
    order_mark_paid(order, make_staff(cooperative, "cashier", email="kasir0@example.test"))
    PayoutEntry.objects.create(cooperative=cooperative, seller=seller,
                               order_line=order.lines.get(), kind="sale", reference="x",
                               quantity=1, gross=25000, commission_percent=10, commission=2500,
                               amount=22500)
    return order

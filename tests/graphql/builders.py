"""Orders placed through the real checkout services, for the contract and query-count tests."""

from backend.accounts.models import User
from inventory.models import Location
from inventory.services import stock_receive
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from tests.conftest import make_user


def stocked_store(cooperative, variants, units: int = 50) -> Location:
    store = Location.objects.create(cooperative=cooperative, name="Kopmart Cipare",
                                    code="cipare")
    for variant in variants:
        stock_receive(variant, store, units)
    return store


def place_order(cooperative, quantities: dict, shopper=None):
    """An order paid at pickup: {variant: quantity}."""
    shopper = shopper or make_user(email=f"pembeli{User.objects.count()}@example.test")
    checkout = checkout_create(cooperative, shopper)
    checkout_lines_set(checkout, {variant.pk: n for variant, n in quantities.items()})
    return checkout_complete(checkout, shopper, "pay_at_pickup")

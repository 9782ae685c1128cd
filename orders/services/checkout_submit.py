"""The storefront's one-form checkout: contact, delivery, the way of paying and the order
in one step, all of it or nothing (each part is the service an API mutation calls)."""

from dataclasses import dataclass

from django.db import transaction

from inventory.models import Location

from ..models import Checkout, Order
from .checkout import checkout_complete, checkout_contact_set
from .checkout_delivery import checkout_delivery_set, checkout_shipping_address_set
from .payments import checkout_payment_create


@dataclass
class CheckoutAnswers:
    payment_method: str
    email: str = ""
    phone: str = ""
    pickup_location: Location | None = None
    # Delivery when given (the Indonesian address fields), else pickup at pickup_location.
    address: dict | None = None
    delivery_option: str = ""


@transaction.atomic
def checkout_submit(checkout: Checkout, user, answers: CheckoutAnswers) -> Order:
    """Save the answers and place the order; a ValidationError (by field) saves nothing."""
    if answers.email or answers.phone:
        checkout_contact_set(checkout, email=answers.email, phone=answers.phone)
    if answers.address is None:
        checkout_delivery_set(checkout, pickup_location=answers.pickup_location)
    else:
        checkout_shipping_address_set(checkout, {**answers.address, "phone": answers.phone})
        checkout.refresh_from_db()
        checkout_delivery_set(checkout, option_code=answers.delivery_option)
    checkout_payment_create(checkout, answers.payment_method)
    return checkout_complete(checkout, user)

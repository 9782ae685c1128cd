"""The storefront's one-form checkout: contact, delivery, the way of paying and the order
in one step, all of it or nothing (each part is the service an API mutation calls)."""

from dataclasses import dataclass

from django.db import transaction

from backend.validation import Problems
from inventory.models import Location

from ..delivery import DeliveryOption
from ..models import Checkout, Order
from .checkout import checkout_complete, checkout_contact_set
from .checkout_delivery import (
    address_problems,
    checkout_delivery_options,
    checkout_delivery_set,
    checkout_shipping_address_set,
)
from .payments import checkout_payment_create
from .totals import Totals, checkout_totals


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


@dataclass
class DeliveryPreview:
    options: list[DeliveryOption]
    totals: Totals
    problems: Problems


def checkout_delivery_preview(checkout: Checkout, address: dict, *, phone: str = "",
                              option_code: str = "") -> DeliveryPreview:
    """What delivery to an address just typed would offer and cost, saving nothing: the
    checkout page shows the options and the total with delivery before the order is placed.
    The address problems are those `checkout_submit` would refuse."""
    preview = Checkout.objects.select_related("cooperative", "user").get(pk=checkout.pk)
    for field in (*Checkout.ADDRESS_FIELDS, "recipient_name"):
        if field in address:
            setattr(preview, field, " ".join(str(address[field] or "").split()))
    if phone:
        preview.phone = phone
    problems = address_problems(preview)
    options = [] if problems else list(checkout_delivery_options(preview))
    chosen = next((o for o in options if o.code == option_code), None)
    preview.delivery_option = chosen.code if chosen else ""
    if chosen:
        preview.delivery_method = chosen.method
    return DeliveryPreview(options, checkout_totals(preview), problems)

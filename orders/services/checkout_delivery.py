"""Where the order goes: pickup at a store, the cooperative's riders, or a courier, and the
Indonesian address it needs."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems
from inventory.models import Location
from orders.error_codes import CheckoutErrorCode

from ..delivery import delivery_options
from ..models import Checkout, DeliveryMethod
from ..selectors import checkout_payment_methods
from .totals import checkout_stock_hold

ADDRESS_REQUIRED = ("street_address", "village", "district", "city", "province",
                    "postal_code")


def address_problems(checkout: Checkout) -> Problems:
    problems = Problems()
    labels = {"street_address": _("street and house number"),
              "village": _("village (kelurahan/desa)"), "district": _("district (kecamatan)"),
              "city": _("regency/city"), "province": _("province"),
              "postal_code": _("postal code")}
    for field in ADDRESS_REQUIRED:
        if not getattr(checkout, field).strip():
            problems.add(field, _("Fill in the %(field)s.") % {"field": labels[field]},
                         CommonErrorCode.REQUIRED)
    if checkout.postal_code and not re.fullmatch(r"\d{5}", checkout.postal_code):
        problems.add("postal_code", _("A postal code has 5 digits."), CommonErrorCode.INVALID)
    if checkout.rt_rw and not re.fullmatch(r"\d{1,3}/\d{1,3}", checkout.rt_rw):
        problems.add("rt_rw", _("Write RT/RW as 003/007."), CommonErrorCode.INVALID)
    if not checkout.recipient_name.strip():
        problems.add("recipient_name", _("Who receives the parcel?"), CommonErrorCode.REQUIRED)
    if not (checkout.phone or getattr(checkout.user, "phone", "")):
        problems.add("phone", _("Give a phone number for the courier."), CommonErrorCode.REQUIRED)
    return problems


@transaction.atomic
def checkout_shipping_address_set(checkout: Checkout, data: dict) -> Checkout:
    """Save the delivery address (all of it checked, nothing saved on a mistake)."""
    from backend.accounts.phone import normalize_phone

    checkout = Checkout.objects.select_for_update(of=("self",)).select_related("user").get(
        pk=checkout.pk)
    problems = Problems()
    for field in (*Checkout.ADDRESS_FIELDS, "recipient_name"):
        if field in data:
            value = " ".join(str(data[field] or "").split())
            if len(value) > Checkout._meta.get_field(field).max_length:
                problems.add(field, _("This is too long."), CommonErrorCode.INVALID)
            setattr(checkout, field, value)
    if data.get("phone"):
        try:
            checkout.phone = normalize_phone(data["phone"])
        except ValidationError as error:
            problems.merge("phone", error)
    problems.raise_if_any()
    address_problems(checkout).raise_if_any()
    if checkout.delivery_option and checkout.delivery_option not in {
            o.code for o in delivery_options(checkout, _weight(checkout))}:
        checkout.delivery_option = ""  # the old choice does not reach the new address
    checkout.save()
    return checkout


def _weight(checkout: Checkout) -> int:
    return sum(line.variant.weight_grams * line.quantity
               for line in checkout.lines.select_related("variant"))


def checkout_delivery_options(checkout: Checkout):
    return delivery_options(checkout, _weight(checkout))


@transaction.atomic
def checkout_delivery_set(checkout: Checkout, *, pickup_location: Location | None = None,
                          option_code: str = "") -> Checkout:
    """Pickup at a store, or one of the delivery options offered for the address."""
    checkout = Checkout.objects.select_for_update(of=("self",)).select_related(
        "cooperative", "user").get(pk=checkout.pk)
    if pickup_location is not None:
        if pickup_location.cooperative_id != checkout.cooperative_id or not (
                pickup_location.is_active and pickup_location.pickup_allowed):
            raise ValidationError({"pickup_location": ValidationError(
                _("Pickup is not possible at this place."), code=CommonErrorCode.INVALID)})
        checkout.delivery_method, checkout.delivery_option = DeliveryMethod.PICKUP, ""
        checkout.pickup_location = pickup_location
    elif option_code:
        address_problems(checkout).raise_if_any()
        option = next((o for o in checkout_delivery_options(checkout)
                       if o.code == option_code), None)
        if option is None:
            raise ValidationError({"delivery_option": ValidationError(
                _("This delivery is not offered for your address."),
                code=CheckoutErrorCode.DELIVERY_UNAVAILABLE)})
        checkout.delivery_method, checkout.delivery_option = option.method, option.code
    else:
        raise ValidationError({"delivery_option": ValidationError(
            _("Choose a store to pick up from or a delivery option."),
            code=CommonErrorCode.REQUIRED)})
    if checkout.payment_method not in checkout_payment_methods(checkout):
        checkout.payment_method = ""  # no choice is kept that the new delivery does not fit
    checkout.save()
    checkout_stock_hold(checkout)
    return checkout

"""From cart to order. Prices come from the members' PriceBook (what is shown is what is
charged); stock is held while shopping and promised to the order under row locks."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from catalog.models import Product, ProductVariant
from inventory.error_codes import InventoryErrorCode
from inventory.models import Location
from inventory.services import Line, stock_allocate, stocks_for_sale
from members.services.eligibility import member_eligibility
from orders.error_codes import CheckoutErrorCode

from ..models import (
    Checkout,
    CheckoutLine,
    DeliveryMethod,
    Order,
    OrderLine,
    OrderNumberSequence,
    PaymentMethod,
)
from ..notifications import notify_order
from .checkout_delivery import address_problems
from .events import order_event
from .payments import card_payment_taken, payment_for_checkout, payment_link_order
from .totals import (
    Totals,
    checkout_stock_hold,
    checkout_totals,
    payment_method_check,
)
from .vouchers import (
    voucher_by_code,
    voucher_check,
    voucher_line_shares,
    voucher_redeem,
)


def _error(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


@transaction.atomic
def checkout_create(cooperative, user=None, *, email: str = "") -> Checkout:
    store = Location.objects.of(cooperative).filter(is_active=True, pickup_allowed=True).first()
    return Checkout.objects.create(cooperative=cooperative, user=user if getattr(
        user, "is_authenticated", False) else None, email=(email or "").strip().lower(),
        pickup_location=store)


def _buyable(checkout: Checkout, variant_ids: list[int]) -> dict[int, ProductVariant]:
    """Variants shoppers can buy in this cooperative (published, approved seller...)."""
    visible = Product.objects.of(checkout.cooperative).visible_to_shoppers()
    variants = ProductVariant.objects.filter(pk__in=variant_ids, product__in=visible)
    return {v.pk: v for v in variants.select_related("product")}


@transaction.atomic
def checkout_lines_set(checkout: Checkout, quantities: dict[int, int], *,
                       replace: bool = False) -> Checkout:
    """Add to (or with replace=True, set) the quantities of variants; zero removes a line."""
    checkout = Checkout.objects.select_for_update().get(pk=checkout.pk)
    if any(q < 0 for q in quantities.values()):
        raise _error("quantity", _("A quantity cannot be negative."), CommonErrorCode.INVALID)
    buyable = _buyable(checkout, list(quantities))
    unknown = [pk for pk in quantities if pk not in buyable]
    if unknown:
        raise _error("variant_id", _("This product cannot be bought here."),
                     CommonErrorCode.NOT_FOUND)
    current = {line.variant_id: line for line in checkout.lines.all()}
    for variant_id, quantity in quantities.items():
        line = current.get(variant_id)
        total = quantity if replace or line is None else line.quantity + quantity
        if total == 0:
            if line is not None:
                line.delete()
        elif line is None:
            CheckoutLine.objects.create(checkout=checkout, variant_id=variant_id,
                                        quantity=total)
        else:
            line.quantity = total
            line.save(update_fields=["quantity"])
    checkout_stock_hold(checkout)
    checkout.save(update_fields=["updated_at"])
    return checkout


@transaction.atomic
def checkout_customer_attach(checkout: Checkout, user) -> Checkout:
    """A guest who signs in keeps the cart: it becomes theirs (priced for them from now on;
    its stock stays held). Someone else's cart is refused; one's own is left as it is."""
    checkout = Checkout.objects.select_for_update(of=("self",)).get(pk=checkout.pk)
    if checkout.user_id == user.pk:
        return checkout
    if checkout.user_id is not None:
        raise _error("token", _("No such cart."), CommonErrorCode.NOT_FOUND)
    checkout.user = user
    checkout.save(update_fields=["user", "updated_at"])
    return checkout


@transaction.atomic
def checkout_contact_set(checkout: Checkout, *, email: str = "", phone: str = "") -> Checkout:
    from backend.accounts.phone import normalize_phone

    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise _error("email", _("Enter a valid email address."),
                         CommonErrorCode.INVALID) from None
        checkout.email = email.strip().lower()
    if phone:
        try:
            checkout.phone = normalize_phone(phone)
        except ValidationError as error:
            raise ValidationError({"phone": error.error_list}) from None
    checkout.save(update_fields=["email", "phone", "updated_at"])
    return checkout


def _next_number(cooperative) -> str:
    year = timezone.localdate().year
    sequence, _created = OrderNumberSequence.objects.select_for_update().get_or_create(
        cooperative=cooperative, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    prefix = "".join(w[0] for w in cooperative.slug.split("-")[:3]).upper() or "KOP"
    return f"{prefix}-{year}-{sequence.last:06d}"


def _check_delivery(checkout: Checkout, totals: Totals) -> None:
    if checkout.delivery_method == DeliveryMethod.PICKUP:
        return
    address_problems(checkout).raise_if_any()
    if totals.delivery is None:
        raise _error("delivery_option", _("This delivery is no longer possible for this "
                                          "address and weight; choose again."),
                     CheckoutErrorCode.DELIVERY_UNAVAILABLE)


@transaction.atomic
def checkout_complete(checkout: Checkout, user=None, payment_method: str | None = None) -> Order:
    """Place the order: prices re-checked now (a member whose dues lapsed pays the regular
    price, and is told why), stock promised under locks, all or nothing. A card payment must
    have been started for exactly this total (checkoutPaymentCreate)."""
    checkout = Checkout.objects.select_for_update(of=("self",)).select_related(
        "cooperative", "pickup_location", "user", "voucher").get(pk=checkout.pk)
    payment_method = payment_method or checkout.payment_method or (
        PaymentMethod.PAY_AT_PICKUP if checkout.delivery_method == DeliveryMethod.PICKUP
        else PaymentMethod.CASH_ON_DELIVERY)
    if payment_method not in PaymentMethod.values:
        raise _error("payment_method", _("Choose how to pay."), CommonErrorCode.INVALID)
    payment_method_check(checkout, payment_method)
    lines = list(checkout.lines.select_related("variant__product__seller"))
    if not lines:
        raise _error("lines", _("The cart is empty."), CheckoutErrorCode.EMPTY_CHECKOUT)
    buyable = _buyable(checkout, [line.variant_id for line in lines])
    gone = [line for line in lines if line.variant_id not in buyable]
    if gone:
        raise _error("lines", _("%(name)s can no longer be bought; remove it from the cart.")
                     % {"name": gone[0].variant.product.name}, CommonErrorCode.NOT_FOUND)
    if not (checkout.email or checkout.phone or checkout.user_id):
        raise _error("email", _("Give an email or a phone number for the order."),
                     CommonErrorCode.REQUIRED)
    if checkout.pickup_location is None:
        raise _error("pickup_location", _("Choose the store to pick up from."),
                     CommonErrorCode.REQUIRED)
    stocks = stocks_for_sale(checkout.pickup_location, [line.variant_id for line in lines])
    if len(stocks) < len({line.variant_id for line in lines}):
        raise _error("lines", _("Some products are not sold at this store."),
                     InventoryErrorCode.INSUFFICIENT_STOCK)
    totals = checkout_totals(checkout)
    _check_delivery(checkout, totals)
    payment = None
    if payment_method == PaymentMethod.CARD:
        payment = payment_for_checkout(checkout, totals.total)
    elif card_payment_taken(checkout):
        raise _error("payment_method", _("This cart is already paid by card."),
                     CommonErrorCode.INVALID)
    stock_allocate(checkout.reservation_reference,
                   [Line(stocks[line.variant_id].pk, line.quantity) for line in lines])
    if checkout.voucher_id:
        voucher_redeem(checkout.voucher, totals.lines, user=checkout.user,
                       email=checkout.email)
    eligibility = member_eligibility(checkout.user, checkout.cooperative)
    address = {f: getattr(checkout, f) for f in Checkout.ADDRESS_FIELDS} if \
        checkout.delivery_method != DeliveryMethod.PICKUP else {}
    order = Order.objects.create(
        cooperative=checkout.cooperative, number=_next_number(checkout.cooperative),
        user=checkout.user, member=eligibility.member if any(
            p.is_member_price for p in totals.lines) else None,
        email=checkout.email or getattr(checkout.user, "email", "") or "",
        phone=checkout.phone or getattr(checkout.user, "phone", "") or "",
        recipient_name=checkout.recipient_name, **address,
        delivery_method=checkout.delivery_method, pickup_location=checkout.pickup_location,
        pickup_code=f"{secrets.randbelow(10**6):06d}", payment_method=payment_method,
        subtotal=totals.subtotal, discount=totals.discount, voucher=checkout.voucher,
        delivery_fee=totals.delivery_fee,
        delivery_name=totals.delivery.name if totals.delivery else "",
        total=totals.total, vat_included=totals.vat_included,
        member_price_note=totals.member_price_note, checkout_token=checkout.token,
        pay_before=None if payment_method == PaymentMethod.CASH_ON_DELIVERY else
        timezone.now() + timedelta(hours=checkout.cooperative.unpaid_order_hours))
    shares = voucher_line_shares(checkout.voucher, totals.lines, totals.discount)
    OrderLine.objects.bulk_create([OrderLine(
        cooperative=checkout.cooperative, order=order, variant=p.line.variant,
        stock=stocks[p.line.variant_id], seller_id=p.line.variant.product.seller_id,
        product_name=p.line.variant.product.name, variant_name=p.line.variant.name,
        sku=p.line.variant.sku, quantity=p.line.quantity, unit_price=p.unit_price,
        regular_unit_price=p.regular_unit_price, is_member_price=p.is_member_price,
        line_total=p.total, discount=share) for p, share in zip(totals.lines, shares,
                                                               strict=True)])
    order_event(order, "placed", user, _("Order placed."))
    notify_order(order, "placed")
    if payment is not None:
        payment_link_order(payment, order)
        order.refresh_from_db()
    checkout.delete()
    return order


@transaction.atomic
def checkout_voucher_set(checkout: Checkout, code: str | None) -> Checkout:
    """Apply a voucher code (checked against the cart now), or remove it with None."""
    checkout = Checkout.objects.select_for_update(of=("self",)).select_related("user").get(
        pk=checkout.pk)
    if code is None:
        checkout.voucher = None
    else:
        voucher = voucher_by_code(checkout.cooperative, code)
        voucher_check(voucher, checkout_totals(checkout).lines, user=checkout.user,
                      email=checkout.email)
        checkout.voucher = voucher
    checkout.save(update_fields=["voucher", "updated_at"])
    return checkout

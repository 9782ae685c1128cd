"""What a cart costs now and what it holds: its prices for its shopper (member or not), its
voucher and delivery, the tax inside, the ways of paying that fit it, and its quantities held
at its store. Checkout, its delivery step and its payments build on these; none of them
builds on another."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.money import round_rupiah
from catalog.models import ProductVariant
from inventory.error_codes import InventoryErrorCode
from inventory.services import Line, stock_reserve, stocks_for_sale
from members.services.eligibility import member_eligibility
from members.services.pricing import PriceBook, priced_item, priced_variants

from ..delivery import DeliveryOption, delivery_options
from ..models import Checkout, CheckoutLine, DeliveryMethod
from ..selectors import payment_method_unavailable_reason
from .vouchers import voucher_discount


def _error(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


@dataclass
class PricedLine:
    line: CheckoutLine
    unit_price: int
    regular_unit_price: int
    is_member_price: bool

    @property
    def total(self) -> int:
        return self.unit_price * self.line.quantity


@dataclass
class Totals:
    lines: list[PricedLine]
    subtotal: int
    discount: int
    delivery: DeliveryOption | None
    total: int
    vat_included: int
    member_price_note: str
    weight_grams: int = 0

    @property
    def delivery_fee(self) -> int:
        return self.delivery.fee if self.delivery else 0


def vat_included(cooperative, total: int) -> int:
    """Prices include PPN: the part of a total that is tax, for a VAT-registered cooperative."""
    if not cooperative.vat_registered or total <= 0:
        return 0
    rate = Decimal(cooperative.vat_percent)
    return round_rupiah(Decimal(total) * rate / (100 + rate))


def _chosen_delivery(checkout: Checkout, weight_grams: int) -> DeliveryOption | None:
    if checkout.delivery_method == DeliveryMethod.PICKUP or not checkout.delivery_option:
        return None
    return next((o for o in delivery_options(checkout, weight_grams)
                 if o.code == checkout.delivery_option), None)


def checkout_totals(checkout: Checkout) -> Totals:
    """Prices for the checkout's shopper now: the same book that priced the listing."""
    eligibility = member_eligibility(checkout.user, checkout.cooperative)
    book = PriceBook(checkout.cooperative, eligibility)
    lines = list(checkout.lines.select_related("variant__product").order_by("pk"))
    variants = {v.pk: v for v in priced_variants(ProductVariant.objects.filter(
        pk__in=[line.variant_id for line in lines]))}
    priced, notes = [], set()
    for line in lines:
        pricing = book.pricing(priced_item(variants[line.variant_id]))
        priced.append(PricedLine(line, pricing.price, pricing.regular_price,
                                 pricing.is_member_price))
        if pricing.reason:
            notes.add(pricing.reason)
    subtotal = sum(p.total for p in priced)
    discount = voucher_discount(checkout.voucher, priced) if checkout.voucher_id else 0
    note = eligibility.message if notes else ""
    weight = sum(p.line.variant.weight_grams * p.line.quantity for p in priced)
    delivery = _chosen_delivery(checkout, weight)
    total = subtotal - discount + (delivery.fee if delivery else 0)
    return Totals(priced, subtotal, discount, delivery, total,
                  vat_included(checkout.cooperative, total), note, weight)


def payment_method_check(checkout: Checkout, payment_method: str) -> None:
    """Whether this way of paying fits the cart's delivery and the cooperative (the rule is
    the selector's, so the choices shown and the choices taken never differ)."""
    reason = payment_method_unavailable_reason(checkout.cooperative, checkout.delivery_method,
                                               payment_method)
    if reason:
        raise _error("payment_method", reason, CommonErrorCode.INVALID)


def checkout_stock_hold(checkout: Checkout) -> None:
    """Hold the checkout's quantities at its store (or say what is short)."""
    lines = list(checkout.lines.all())
    if not lines:
        stock_reserve(checkout.reservation_reference, [], minutes=0)
        return
    if checkout.pickup_location is None:
        raise _error("pickup_location", _("Choose the store to pick up from."),
                     CommonErrorCode.REQUIRED)
    stocks = stocks_for_sale(checkout.pickup_location, [line.variant_id for line in lines])
    missing = [line for line in lines if line.variant_id not in stocks]
    if missing:
        raise _error("lines", _("%(sku)s is not sold at %(store)s.") % {
            "sku": missing[0].variant.sku, "store": checkout.pickup_location.name},
            InventoryErrorCode.INSUFFICIENT_STOCK)
    stock_reserve(checkout.reservation_reference,
                  [Line(stocks[line.variant_id].pk, line.quantity) for line in lines],
                  minutes=checkout.cooperative.reservation_minutes)

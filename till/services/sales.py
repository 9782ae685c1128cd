"""A sale at the counter, recorded once per client id (the device makes it when the customer
pays, so a sale sent again after a timeout, or flushed twice from an offline queue, returns
the sale already recorded, with its lines and payments).

Downstream it is a sale like an online order: units leave the store's shelf in the inventory
ledger (never refused for the books saying 0), the purchase counts toward the member's SHU
(or as a non-member sale) and each UMKM seller is credited less commission, through the same
services orders use."""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import LARGEST_RUPIAH, Problems
from catalog.models import ProductVariant
from inventory.services import stock_sell_at_counter
from members.services.patronage import patronage_record
from members.services.pricing import PriceBook, priced_item, priced_variants
from orders.models import PayoutEntry
from orders.services.payouts import commission_percent, seller_credit

from ..error_codes import TillErrorCode
from ..models import PaymentKind, Shift, TillPayment, TillSale, TillSaleLine
from ..selectors import member_at_till, price_barcode_parts, till_settings_of, weighed_price
from .shifts import _check_hands, manager_for_pin


@dataclass
class LineInput:
    variant: object
    quantity: int = 1
    unit_price: int | None = None  # what the till showed and the customer paid
    discount: int = 0
    voided: bool = False
    barcode: str = ""


@dataclass
class PaymentInput:
    method: str
    amount: int
    tendered: int | None = None  # cash handed over
    approval_code: str = ""


@dataclass
class SaleInput:
    client_id: str
    lines: list[LineInput]
    payments: list[PaymentInput]
    member: object = None
    manager_pin: str = ""
    device_id: str = ""
    sold_at: object = None
    offline: bool = False
    flags: list[str] = field(default_factory=list)


def _client_uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError):
        raise ValidationError({"client_id": ValidationError(
            _("The till's sale id is not valid."), code=CommonErrorCode.INVALID)}) from None


def existing_sale(cooperative, client_id) -> TillSale | None:
    return TillSale.objects.of(cooperative).filter(client_id=_client_uuid(client_id)).first()


@dataclass
class _Priced:
    line: LineInput
    unit_price: int
    regular: int
    is_member_price: bool
    total: int


def _price_lines(shift: Shift, data: SaleInput, eligibility, problems: Problems):
    cooperative = shift.cooperative
    book = PriceBook(cooperative, eligibility)
    layout = till_settings_of(cooperative).price_barcode_layout
    ids = [line.variant.pk for line in data.lines]
    variants = priced_variants(ProductVariant.objects.filter(pk__in=ids)).select_related(
        "product__category").in_bulk()
    priced, flags = [], []
    for index, line in enumerate(data.lines):
        variant = variants[line.variant.pk]
        line.variant = variant
        if variant.cooperative_id != cooperative.pk:
            problems.add("lines", _("No such product."), CommonErrorCode.NOT_FOUND)
            continue
        if not isinstance(line.quantity, int) or not 0 < line.quantity <= 10000:
            problems.add("lines", _("Line %(n)s: give a quantity from 1.") % {"n": index + 1},
                         CommonErrorCode.INVALID)
            continue
        parts = price_barcode_parts(line.barcode, layout) if line.barcode else None
        if parts is not None and parts[0] == variant.barcode:
            embedded = weighed_price(variant.price, parts[1]) if parts[2] else parts[1]
            pricing_price, regular, is_member = embedded, embedded, False
        else:
            pricing = book.pricing(priced_item(variant))
            pricing_price, regular = pricing.price, pricing.regular_price
            is_member = pricing.is_member_price
        unit_price = pricing_price if line.unit_price is None else line.unit_price
        if not isinstance(unit_price, int) or not 0 <= unit_price <= LARGEST_RUPIAH // 10000:
            problems.add("lines", _("Line %(n)s: the price is not valid.") % {"n": index + 1},
                         CommonErrorCode.INVALID)
            continue
        if unit_price != pricing_price:
            # The customer paid what the till showed (a price or membership that changed
            # while it was offline): kept, and flagged for the manager.
            flags.append(_("%(sku)s sold at %(paid)s, the price now is %(now)s.") % {
                "sku": variant.sku, "paid": unit_price, "now": pricing_price})
            is_member = is_member and unit_price == pricing_price
        gross = unit_price * line.quantity
        if not isinstance(line.discount, int) or not 0 <= line.discount <= gross:
            problems.add("lines", _("Line %(n)s: a discount is from 0 to the line's total.")
                         % {"n": index + 1}, CommonErrorCode.INVALID)
            continue
        priced.append(_Priced(line, unit_price, regular, is_member,
                              0 if line.voided else gross - line.discount))
    return priced, flags


def _check_payments(payments: list[PaymentInput], total: int, problems: Problems) -> int:
    """The change given back (cash handed over beyond its part of the total)."""
    change = paid = 0
    for payment in payments:
        if payment.method not in PaymentKind.values:
            problems.add("payments", _("Unknown way of paying."), CommonErrorCode.INVALID)
            continue
        if not isinstance(payment.amount, int) or payment.amount <= 0:
            problems.add("payments", _("A payment is above zero."), CommonErrorCode.INVALID)
            continue
        paid += payment.amount
        if payment.method == PaymentKind.CASH:
            tendered = payment.amount if payment.tendered is None else payment.tendered
            if tendered < payment.amount:
                problems.add("payments", _("The cash given is less than its part."),
                             TillErrorCode.PAYMENT_SHORT)
            change += max(0, tendered - payment.amount)
        if payment.method == PaymentKind.CARD and not (payment.approval_code or "").strip():
            problems.add("payments", _("Type the approval code printed by the EDC."),
                         TillErrorCode.APPROVAL_CODE_REQUIRED)
    if paid < total:
        problems.add("payments", _("%(left)s is still to pay.") % {"left": total - paid},
                     TillErrorCode.PAYMENT_SHORT)
    elif paid > total:
        problems.add("payments", _("The payments are more than the total; give change from "
                                   "cash."), TillErrorCode.PAYMENT_OVER)
    return change


def till_sale_create(shift: Shift, actor, data: SaleInput) -> tuple[TillSale, bool]:
    """(the sale, whether it was recorded now). A client id already recorded returns that
    sale, whatever else was sent."""
    cooperative = shift.cooperative
    found = existing_sale(cooperative, data.client_id)
    if found is not None:
        return found, False
    problems = Problems()
    _check_hands(shift, actor)
    if shift.closed_at is not None and not data.offline:
        raise ValidationError({"shift": ValidationError(
            _("This shift is already closed."), code=TillErrorCode.SHIFT_CLOSED)})
    live = [line for line in data.lines if not line.voided]
    if not live:
        raise ValidationError({"lines": ValidationError(_("Scan something to sell."),
                                                        code=TillErrorCode.EMPTY_SALE)})
    eligibility = member_at_till(cooperative, data.member)
    priced, flags = _price_lines(shift, data, eligibility, problems)
    problems.raise_if_any()
    if any(p.line.discount and not p.line.voided for p in priced):
        manager_for_pin(cooperative, data.manager_pin)
    total = sum(p.total for p in priced)
    change = _check_payments(data.payments, total, problems)
    problems.raise_if_any()
    if shift.closed_at is not None:
        flags.append(_("Sent after the shift closed."))
    try:
        with transaction.atomic():
            return _record(shift, actor, data, priced, eligibility, total, change,
                           flags + data.flags), True
    except IntegrityError:
        found = existing_sale(cooperative, data.client_id)  # the same sale, sent at once twice
        if found is None:
            raise
        return found, False


def _record(shift, actor, data: SaleInput, priced: list[_Priced], eligibility, total, change,
            flags) -> TillSale:
    cooperative = shift.cooperative
    shift = Shift.objects.select_for_update(of=("self",)).select_related("location").get(
        pk=shift.pk)  # numbers follow each other
    number = f"K{shift.pk}-{TillSale.objects.filter(shift=shift).count() + 1:04d}"
    member = data.member
    live = [p for p in priced if not p.line.voided]
    sale = TillSale.objects.create(
        cooperative=cooperative, client_id=_client_uuid(data.client_id),
        device_id=(data.device_id or "")[:64], number=number, shift=shift,
        location_id=shift.location_id, cashier=actor, member=member,
        member_name=member.full_name if member else "",
        member_number=member.member_number if member else "",
        member_eligible=bool(member and eligibility.eligible),
        member_price_note=eligibility.message if member else "",
        subtotal=sum(p.unit_price * p.line.quantity for p in live),
        discount=sum(p.line.discount for p in live), total=total,
        member_savings=sum((p.regular - p.unit_price) * p.line.quantity for p in live
                           if p.is_member_price),
        change=change, offline=data.offline, flags=[str(f) for f in flags],
        sold_at=data.sold_at or timezone.now())
    reference = f"till:{number}"
    stocks = stock_sell_at_counter(shift.location, [(p.line.variant, p.line.quantity)
                                                    for p in live],
                                   reference=reference, actor=actor)
    stock_of = {id(p): stock for p, stock in zip(live, stocks, strict=True)}
    lines = TillSaleLine.objects.bulk_create([TillSaleLine(
        cooperative=cooperative, sale=sale, variant=p.line.variant,
        stock=stock_of.get(id(p)), seller_id=p.line.variant.product.seller_id,
        product_name=str(p.line.variant)[:200], sku=p.line.variant.sku,
        barcode=(p.line.barcode or "")[:32], quantity=p.line.quantity,
        unit_price=p.unit_price, regular_unit_price=p.regular,
        is_member_price=p.is_member_price, discount=p.line.discount, line_total=p.total,
        voided=p.line.voided) for p in priced])
    TillPayment.objects.bulk_create([TillPayment(
        cooperative=cooperative, sale=sale, method=p.method, amount=p.amount,
        tendered=p.amount if p.tendered is None else p.tendered,
        approval_code=(p.approval_code or "").strip()[:40]) for p in data.payments])
    patronage_record(cooperative, reference=reference, amount=total,
                     member=member if eligibility.eligible else None, when=sale.sold_at)
    percents = {}  # one look-up per category, not per line
    for line in lines:
        category = line.variant.product.category
        if category not in percents:
            percents[category] = commission_percent(cooperative, category)
    PayoutEntry.objects.bulk_create([seller_credit(
        cooperative, seller_id=line.seller_id, category=line.variant.product.category,
        gross=line.unit_price * line.quantity, quantity=line.quantity, reference=reference,
        line_key=f"till:{line.pk}", item_name=line.product_name,
        percent=percents[line.variant.product.category])
        for line in lines if not line.voided])
    return sale

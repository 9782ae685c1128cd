"""Goods back at the counter after payment: a manager's PIN, the goods back on the shelf (or
written off as damaged), the purchase taken off the member's patronage and the seller's
credit, and the money paid back by the way it was paid."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.money import round_rupiah
from backend.validation import Problems
from inventory.services import stock_return_at_counter
from members.services.patronage import patronage_record
from orders.models import PayoutEntry
from orders.services.payouts import seller_credit_reversal

from ..error_codes import TillErrorCode
from ..models import TillRefund, TillRefundLine, TillSale, TillSaleLine, TillSaleStatus
from ..selectors import open_shift_of
from .shifts import manager_for_pin


def _line_amount(line: TillSaleLine, quantity: int) -> int:
    """What `quantity` units of the line were paid, its discount shared out; the last units
    take what is left."""
    if line.refunded_quantity + quantity >= line.quantity:
        before = round_rupiah(Decimal(line.line_total) * line.refunded_quantity / line.quantity)
        return line.line_total - before
    return round_rupiah(Decimal(line.line_total) * quantity / line.quantity)


@transaction.atomic
def till_sale_refund(sale: TillSale, actor, *, quantities: dict[int, int], manager_pin: str,
                     reason: str = "", restock: bool = True) -> TillRefund:
    """Refund units of a sale's lines ({line id: units})."""
    sale = TillSale.objects.select_for_update().select_related(
        "cooperative", "location", "shift").get(pk=sale.pk)
    approver = manager_for_pin(sale.cooperative, manager_pin)
    lines = {line.pk: line for line in sale.lines.filter(voided=False)}
    problems = Problems()
    chosen = []
    for line_id, quantity in (quantities or {}).items():
        line = lines.get(line_id)
        if line is None:
            problems.add("lines", _("This line is not on the sale."), TillErrorCode.REFUND_TOO_MUCH)
        elif not isinstance(quantity, int) or not 0 < quantity <= line.quantity \
                - line.refunded_quantity:
            problems.add("lines", _("%(sku)s: at most %(n)s can come back.") % {
                "sku": line.sku, "n": line.quantity - line.refunded_quantity},
                TillErrorCode.REFUND_TOO_MUCH)
        else:
            chosen.append((line, quantity))
    if not chosen and not problems:
        problems.add("lines", _("Choose what comes back."), TillErrorCode.EMPTY_SALE)
    problems.raise_if_any()
    payment = max(sale.payments.all(), key=lambda p: (p.method == "cash", p.amount), default=None)
    if payment is None:
        raise ValidationError({"id": ValidationError(_("This sale has no payment."),
                                                     code=TillErrorCode.EMPTY_SALE)})
    shift = open_shift_of(actor, sale.location) or (sale.shift if sale.shift.is_open else None)
    amounts = [(line, quantity, _line_amount(line, quantity)) for line, quantity in chosen]
    refund = TillRefund.objects.create(
        cooperative=sale.cooperative, sale=sale, shift=shift, actor=actor,
        approved_by=approver, method=payment.method, amount=sum(a for _l, _q, a in amounts),
        restock=restock, reason=(reason or "").strip()[:255])
    TillRefundLine.objects.bulk_create([TillRefundLine(
        cooperative=sale.cooperative, refund=refund, sale_line=line, quantity=quantity,
        amount=amount) for line, quantity, amount in amounts])
    for line, quantity, _amount in amounts:
        line.refunded_quantity += quantity
        line.save(update_fields=["refunded_quantity"])
    reference = f"till-refund:{refund.pk}"
    if restock:
        stock_return_at_counter([(line.stock_id, q) for line, q, _a in amounts if line.stock_id],
                                reference=reference, actor=actor)
    sale.refunded_total += refund.amount
    sale.status = TillSaleStatus.REFUNDED if sale.refunded_total >= sale.total else \
        TillSaleStatus.PARTLY_REFUNDED
    sale.save(update_fields=["refunded_total", "status"])
    patronage_record(sale.cooperative, reference=reference, amount=-refund.amount,
                     member=sale.member if sale.member_eligible else None)
    reversals = [seller_credit_reversal(
        PayoutEntry.objects.filter(cooperative=sale.cooperative, line_key=f"till:{line.pk}"),
        quantity, reference) for line, quantity, _amount in amounts]
    PayoutEntry.objects.bulk_create([r for r in reversals if r is not None])
    return refund

"""Money back, for the whole order or some of its lines, through the gateway that took it.
Units not yet handed over go back on sale; units the shopper returns come back into stock
(unless damaged); the member's SHU purchases and the sellers' credit shrink accordingly."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.money import format_rupiah, round_rupiah
from backend.validation import Problems
from inventory.models import MovementKind
from inventory.services import Line, stock_deallocate, stock_receive
from members.services.patronage import patronage_record
from orders.error_codes import OrderErrorCode
from payments.services import payable_refund

from ..gateways import gateway_for
from ..models import (
    PAYABLE_KIND,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
    Refund,
    RefundLine,
)
from .events import order_event

REFUNDABLE = (OrderStatus.PAID, OrderStatus.PROCESSING, OrderStatus.READY_FOR_PICKUP,
              OrderStatus.SHIPPED, OrderStatus.COMPLETED, OrderStatus.PARTLY_REFUNDED)


def _line_amount(line: OrderLine, quantity: int) -> int:
    """What the shopper paid for these units: price less their part of the voucher. The
    last units refunded take what is left, so a line never gives back more than it took."""
    if line.refunded_quantity + quantity >= line.quantity:
        before = RefundLine.objects.filter(order_line=line).aggregate(
            total=Sum("amount"))["total"] or 0
        return line.line_total - line.discount - before
    discount = Decimal(line.discount) * quantity / line.quantity
    return line.unit_price * quantity - round_rupiah(discount)


@transaction.atomic
def order_refund(order: Order, actor, *, quantities: dict[int, int] | None = None,
                 reason: str, restock: bool = True) -> Refund:
    """Refund the given quantities per order line id, or everything still refundable when
    `quantities` is None (delivery fee included)."""
    order = Order.objects.select_for_update(of=("self",)).select_related("cooperative").get(
        pk=order.pk)
    lines = {line.pk: line for line in order.lines.select_for_update()}
    problems = Problems()
    if order.status not in REFUNDABLE or order.paid_at is None:
        problems.add("id", _("Only a paid order can be refunded; cancel an unpaid one."),
                     OrderErrorCode.INVALID_STATUS)
    if not (reason or "").strip():
        problems.add("reason", _("Say why the money goes back."), CommonErrorCode.REQUIRED)
    everything = quantities is None
    if everything:
        quantities = {pk: line.open_quantity for pk, line in lines.items() if line.open_quantity}
    for pk, quantity in quantities.items():
        line = lines.get(pk)
        if line is None:
            problems.add("lines", _("No such line in this order."), CommonErrorCode.NOT_FOUND)
        elif not 0 < quantity <= line.open_quantity:
            problems.add("lines", _("%(sku)s: refund between 1 and %(n)s units.")
                         % {"sku": line.sku, "n": line.open_quantity}, CommonErrorCode.INVALID)
    problems.raise_if_any()
    if not quantities:
        raise ValidationError({"lines": ValidationError(_("Nothing is left to refund."),
                                                        code=CommonErrorCode.INVALID)})
    left = order.total - order.refunded_total
    closes = all(lines[pk].open_quantity == q for pk, q in quantities.items()) and all(
        line.open_quantity == 0 for pk, line in lines.items() if pk not in quantities)
    amounts = {pk: _line_amount(lines[pk], q) for pk, q in quantities.items()}
    amount = left if closes else min(sum(amounts.values()), left)

    payment = order.payments.filter(status=PaymentStatus.SUCCEEDED).first()
    refund = Refund.objects.create(cooperative=order.cooperative, order=order, payment=payment,
                                   amount=amount, reason=reason.strip()[:255], restock=restock,
                                   actor=actor if getattr(actor, "is_authenticated", False)
                                   else None)
    RefundLine.objects.bulk_create([RefundLine(refund=refund, order_line=lines[pk], quantity=q,
                                               amount=amounts[pk])
                                    for pk, q in quantities.items()])
    _return_units(order, [(lines[pk], q) for pk, q in quantities.items()], restock, actor)
    for pk, quantity in quantities.items():
        lines[pk].refunded_quantity += quantity
    OrderLine.objects.bulk_update(lines.values(), ["refunded_quantity"])
    completed = order.status in (OrderStatus.COMPLETED, OrderStatus.PARTLY_REFUNDED)
    order.refunded_total += amount
    if all(line.open_quantity == 0 for line in lines.values()):
        order.status = OrderStatus.REFUNDED
    elif completed:
        order.status = OrderStatus.PARTLY_REFUNDED
    order.save(update_fields=["refunded_total", "status"])
    if not completed and order.status != OrderStatus.REFUNDED:
        from .fulfilment import order_progress

        order_progress(order, actor)  # the refunded line may have been the one holding it
    if completed:
        from .payouts import payout_entries_for_refund

        patronage_record(order.cooperative, reference=f"refund:{refund.pk}", amount=-amount,
                         member=order.member)
        payout_entries_for_refund(refund)
    _pay_back(refund, payment)
    order_event(order, "refunded", actor, _("Refunded %(amount)s: %(reason)s") % {
        "amount": format_rupiah(amount), "reason": refund.reason})
    return refund


def _return_units(order: Order, refunded: list[tuple[OrderLine, int]], restock: bool,
                  actor) -> None:
    promised = [Line(line.stock_id, q) for line, q in refunded if not line.sold]
    if promised:
        stock_deallocate(f"refund:{order.number}", promised)
    if restock:
        for line, quantity in refunded:
            if line.sold:
                stock_receive(line.stock.variant, line.stock.location, quantity, actor=actor,
                              reference=f"refund:{order.number}",
                              kind=MovementKind.CUSTOMER_RETURN)


def _pay_back(refund: Refund, payment: Payment | None) -> None:
    """Last, after everything else is checked and written: the gateway call cannot be rolled
    back, and a failure here rolls back the rest."""
    if payment is None:
        # Paid online: through the gateway where it refunds that method, else recorded as a
        # manual refund there. Cash or transfer: handed back by the cooperative's staff.
        online = payable_refund(PAYABLE_KIND, refund.order_id, refund.amount,
                                reason=refund.reason, key=f"refund-{refund.pk}",
                                actor=refund.actor)
        if online is not None:
            refund.psp_reference = online.provider_reference or "manual"
            refund.save(update_fields=["psp_reference"])
        return
    refund.psp_reference = gateway_for(payment.method).refund(
        payment, refund.amount, key=f"refund-{refund.pk}")
    refund.save(update_fields=["psp_reference"])
    Payment.objects.filter(pk=payment.pk).update(
        refunded_amount=F("refunded_amount") + refund.amount)

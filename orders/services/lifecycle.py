"""What happens to an order after it is placed: paid, handed over, cancelled."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from inventory.services import Line, stock_deallocate, stock_sell
from members.services.patronage import patronage_record
from orders.error_codes import OrderErrorCode
from payments.services import payable_attempts_cancel

from ..models import (
    PAYABLE_KIND,
    DeliveryMethod,
    LineFulfilment,
    Order,
    OrderLine,
    OrderStatus,
    PaymentMethod,
)
from ..notifications import notify_order, notify_receipt_to_check
from .events import order_event


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def _status_error(order: Order) -> ValidationError:
    return ValidationError({"id": ValidationError(
        _("An order that is %(status)s cannot be changed this way.")
        % {"status": order.get_status_display().lower()}, code=OrderErrorCode.INVALID_STATUS)})


def _lines(order: Order) -> list[Line]:
    return [Line(line.stock_id, line.open_quantity) for line in order.lines.all()
            if not line.sold and line.open_quantity]


def order_paid(order: Order, actor, message: str) -> Order:
    """The money is in (the caller holds the order's lock)."""
    ready = OrderStatus.READY_FOR_PICKUP if order.delivery_method == DeliveryMethod.PICKUP \
        else OrderStatus.PROCESSING
    order.status, order.paid_at = (ready if order.ready_at else OrderStatus.PAID,
                                   timezone.now())
    order.save(update_fields=["status", "paid_at"])
    order_event(order, "paid", actor, message)
    notify_order(order, "paid")
    return order


@transaction.atomic
def order_mark_paid(order: Order, actor) -> Order:
    """Staff take the money (pay at pickup, or a confirmed transfer). Card and online payments
    are confirmed by the gateway only (the printed QRIS by confirming its payment); cash on
    delivery when the order is delivered."""
    order = _locked(order)
    if order.status != OrderStatus.UNPAID or order.payment_method in (PaymentMethod.CARD,
                                                                      PaymentMethod.ONLINE):
        raise _status_error(order)
    return order_paid(order, actor, _("Payment received."))


def _complete(order: Order, actor, message: str) -> Order:
    """The shopper has the goods: what is still on the shelf leaves it, the purchase counts
    toward the member's SHU (or as a non-member sale), and each seller is credited."""
    from .payouts import payout_entries_for_order

    unsold = [line for line in order.lines.all() if not line.sold and line.open_quantity]
    stock_sell(order.number, [Line(line.stock_id, line.open_quantity) for line in unsold],
               actor=actor)
    OrderLine.objects.filter(pk__in=[line.pk for line in unsold]).update(sold=True)
    order.status = OrderStatus.COMPLETED if not order.refunded_total else \
        OrderStatus.PARTLY_REFUNDED
    order.save(update_fields=["status"])
    patronage_record(order.cooperative, reference=f"order:{order.number}",
                     amount=order.total - order.refunded_total, member=order.member)
    payout_entries_for_order(order)
    order_event(order, "completed", actor, message)
    return order


@transaction.atomic
def order_hand_over(order: Order, actor, *, pickup_code: str) -> Order:
    """The shopper collects a paid pickup order with their pickup code, once every line
    still owed has been packed (by its seller, or by the cooperative's staff for them)."""
    order = _locked(order)
    if order.delivery_method != DeliveryMethod.PICKUP or order.status not in (
            OrderStatus.PAID, OrderStatus.PROCESSING, OrderStatus.READY_FOR_PICKUP):
        raise _status_error(order)
    if (pickup_code or "").strip() != order.pickup_code:
        raise ValidationError({"pickup_code": ValidationError(
            _("The pickup code is wrong."), code=CommonErrorCode.INVALID)})
    unpacked = [line.product_name for line in order.lines.all()
                if line.open_quantity and line.fulfilment == LineFulfilment.PENDING]
    if unpacked:
        raise ValidationError({"id": ValidationError(
            _("Not packed yet: %(products)s. Mark them packed or ready first.")
            % {"products": ", ".join(unpacked)}, code=OrderErrorCode.NOT_PREPARED)})
    order = _complete(order, actor, _("Handed over to the shopper."))
    notify_order(order, "delivered")
    return order


@transaction.atomic
def order_mark_delivered(order: Order, actor) -> Order:
    """A shipped order reached the shopper; cash on delivery is taken at the door."""
    order = _locked(order)
    if order.status != OrderStatus.SHIPPED:
        raise _status_error(order)
    if order.paid_at is None:
        if order.payment_method != PaymentMethod.CASH_ON_DELIVERY:
            raise _status_error(order)
        order.paid_at = timezone.now()
        order.save(update_fields=["paid_at"])
        order_event(order, "paid", actor, _("Cash taken on delivery."))
    order = _complete(order, actor, _("Delivered to the shopper."))
    notify_order(order, "delivered")
    return order


@transaction.atomic
def order_cancel(order: Order, actor, reason: str = "") -> Order:
    """An unpaid order can be cancelled; its units return. A paid one is refunded instead."""
    order = _locked(order)
    if order.status != OrderStatus.UNPAID or order.lines.filter(sold=True).exists():
        raise _status_error(order)  # shipped goods (cash on delivery) come back as a return
    stock_deallocate(order.number, _lines(order))
    order.status = OrderStatus.CANCELLED
    order.save(update_fields=["status"])
    payable_attempts_cancel(PAYABLE_KIND, order.pk)  # a QRIS or VA still open closes
    order_event(order, "cancelled", actor, reason or _("Order cancelled."))
    return order


def unpaid_orders_cancel(now=None) -> int:
    """Orders not paid by their deadline are cancelled and their units return, one order
    per transaction so one failure does not hold back the rest."""
    now = now or timezone.now()
    overdue = Order.objects.filter(status=OrderStatus.UNPAID, pay_before__lt=now)
    cancelled = 0
    for order in overdue.only("pk"):
        try:
            order_cancel(order, None, _("Not paid in time."))
            cancelled += 1
        except ValidationError:
            continue  # paid or cancelled meanwhile
    return cancelled


@transaction.atomic
def order_payment_proof_upload(order: Order, actor, upload) -> Order:
    """The shopper's photo of the transfer receipt: a real image, metadata removed, kept
    where only the cooperative's staff can open it."""
    import uuid

    from django.core.files.base import ContentFile

    from catalog.images import clean_image

    order = _locked(order)
    if order.payment_method != PaymentMethod.BANK_TRANSFER or order.status != \
            OrderStatus.UNPAID:
        raise _status_error(order)
    image = clean_image(upload)
    if order.payment_proof:
        order.payment_proof.delete(save=False)
    order.payment_proof.save(f"{uuid.uuid4().hex}.{image.extension}",
                             ContentFile(image.content), save=False)
    order.save(update_fields=["payment_proof"])
    order_event(order, "payment_proof", actor, _("Transfer receipt uploaded."))
    notify_receipt_to_check(order)
    return order


@transaction.atomic
def order_payment_reject(order: Order, actor, reason: str) -> Order:
    """The transfer is not on the account: the shopper is asked for another receipt."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(
            _("Tell the shopper why, so they can put it right."), code=CommonErrorCode.REQUIRED)})
    order = _locked(order)
    if order.status != OrderStatus.UNPAID or not order.payment_proof:
        raise _status_error(order)
    order.payment_proof.delete(save=False)
    order.save(update_fields=["payment_proof"])
    order_event(order, "payment_rejected", actor, reason)
    return order

"""What happens to an order after it is placed: paid, handed over, cancelled."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inventory.services import Line, stock_deallocate, stock_sell
from members.services.patronage import patronage_record

from ..models import Order, OrderStatus, PaymentMethod
from .checkout import order_event


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def _status_error(order: Order) -> ValidationError:
    return ValidationError({"id": ValidationError(
        _("An order that is %(status)s cannot be changed this way.")
        % {"status": order.get_status_display().lower()}, code="invalid_status")})


def _lines(order: Order) -> list[Line]:
    return [Line(line.stock_id, line.quantity) for line in order.lines.all()]


@transaction.atomic
def order_mark_paid(order: Order, actor) -> Order:
    """Staff take the money (pay at pickup, or a confirmed transfer)."""
    order = _locked(order)
    if order.status != OrderStatus.UNPAID:
        raise _status_error(order)
    order.status, order.paid_at = (
        OrderStatus.READY_FOR_PICKUP if order.ready_at else OrderStatus.PAID, timezone.now())
    order.save(update_fields=["status", "paid_at"])
    order_event(order, "paid", actor, _("Payment received."))
    return order


@transaction.atomic
def order_hand_over(order: Order, actor, *, pickup_code: str) -> Order:
    """The shopper collects the goods with their pickup code: stock leaves the shelf and the
    purchase counts toward the member's share of the surplus (or as a non-member sale)."""
    order = _locked(order)
    if order.status not in (OrderStatus.PAID, OrderStatus.READY_FOR_PICKUP):
        raise _status_error(order)
    if (pickup_code or "").strip() != order.pickup_code:
        raise ValidationError({"pickup_code": ValidationError(
            _("The pickup code is wrong."), code="invalid")})
    stock_sell(order.number, _lines(order), actor=actor)
    order.status = OrderStatus.COMPLETED
    order.save(update_fields=["status"])
    patronage_record(order.cooperative, reference=f"order:{order.number}", amount=order.total,
                     member=order.member)
    order_event(order, "completed", actor, _("Handed over to the shopper."))
    return order


@transaction.atomic
def order_cancel(order: Order, actor, reason: str = "") -> Order:
    """An unpaid order can be cancelled; its units return. (Refunds of paid orders come with
    the payment gateways.)"""
    order = _locked(order)
    if order.status != OrderStatus.UNPAID:
        raise _status_error(order)
    stock_deallocate(order.number, _lines(order))
    order.status = OrderStatus.CANCELLED
    order.save(update_fields=["status"])
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
    return order


@transaction.atomic
def order_payment_reject(order: Order, actor, reason: str) -> Order:
    """The transfer is not on the account: the shopper is asked for another receipt."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(
            _("Tell the shopper why, so they can put it right."), code="required")})
    order = _locked(order)
    if order.status != OrderStatus.UNPAID or not order.payment_proof:
        raise _status_error(order)
    order.payment_proof.delete(save=False)
    order.save(update_fields=["payment_proof"])
    order_event(order, "payment_rejected", actor, reason)
    return order

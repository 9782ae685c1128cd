"""Each seller prepares only its own lines; the order is ready when all of them are."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from catalog.services.common import can_act_for_seller
from inventory.services import Line, stock_sell
from orders.error_codes import OrderErrorCode

from ..models import DeliveryMethod, LineFulfilment, Order, OrderLine, OrderStatus, PaymentMethod
from ..notifications import notify_order
from .events import order_event


@transaction.atomic
def order_lines_fulfill(lines: list[OrderLine], actor, status: str,
                        tracking_number: str = "") -> Order:
    """Move lines of one order forward: packed, ready at the store, or (for delivery)
    shipped with the courier's tracking number. Refuses lines the actor may not handle: a
    seller its own lines, catalog staff any line of their cooperative."""
    tracking_number = (tracking_number or "").strip()
    if status not in (LineFulfilment.PACKED, LineFulfilment.READY, LineFulfilment.SHIPPED):
        raise ValidationError({"status": ValidationError(_("Choose packed, ready or shipped."),
                                                         code=CommonErrorCode.INVALID)})
    orders = {line.order_id for line in lines}
    if len(orders) != 1:
        raise ValidationError({"ids": ValidationError(_("Give lines of one order."),
                                                      code=CommonErrorCode.INVALID)})
    if not all(can_act_for_seller(actor, line.seller) for line in lines):
        raise PermissionDenied
    order = Order.objects.select_for_update().get(pk=orders.pop())
    if order.status in CLOSED:
        raise ValidationError({"ids": ValidationError(
            _("This order is %(status)s.") % {"status": order.get_status_display().lower()},
            code=OrderErrorCode.INVALID_STATUS)})
    if status == LineFulfilment.SHIPPED:
        _check_shipping(order, tracking_number)
    ids = [line.pk for line in lines]
    OrderLine.objects.filter(pk__in=ids).update(fulfilment=status)
    order_event(order, f"lines_{status}", actor,
                _("%(n)s lines %(status)s.") % {"n": len(ids), "status": status})
    if status == LineFulfilment.SHIPPED:
        _ship(order, ids, tracking_number, actor)
    elif order.status == OrderStatus.PAID:
        order.status = OrderStatus.PROCESSING
        order.save(update_fields=["status"])
    return order_progress(order, actor, tracking_number)


def order_progress(order: Order, actor, tracking_number: str = "") -> Order:
    """The order moves on when every line still owed (not refunded) is ready, or shipped:
    after a line's fulfilment, and after a refund took the last line that was holding it."""
    open_lines = order.lines.filter(refunded_quantity__lt=F("quantity"))
    if not open_lines.exists() or order.status in CLOSED:
        return order
    if order.delivery_method != DeliveryMethod.PICKUP and order.status != OrderStatus.SHIPPED \
            and not open_lines.exclude(fulfilment=LineFulfilment.SHIPPED).exists():
        order.status = OrderStatus.SHIPPED
        order.save(update_fields=["status"])
        order_event(order, "shipped", actor, tracking_number or _("Shipped."))
        notify_order(order, "shipped")
    elif order.ready_at is None and not open_lines.exclude(
            fulfilment__in=[LineFulfilment.READY, LineFulfilment.SHIPPED]).exists():
        order.ready_at = timezone.now()
        if order.delivery_method == DeliveryMethod.PICKUP and order.status in (
                OrderStatus.PAID, OrderStatus.PROCESSING):
            order.status = OrderStatus.READY_FOR_PICKUP
            notify_order(order, "ready")
        order.save(update_fields=["ready_at", "status"])
        order_event(order, "ready", actor, _("Ready at the store."))
    return order


CLOSED = (OrderStatus.CANCELLED, OrderStatus.COMPLETED, OrderStatus.REFUNDED,
          OrderStatus.PARTLY_REFUNDED)


def _check_shipping(order: Order, tracking_number: str) -> None:
    if order.delivery_method == DeliveryMethod.PICKUP:
        raise ValidationError({"status": ValidationError(
            _("This order is picked up at the store, not shipped."), code=CommonErrorCode.INVALID)})
    if order.paid_at is None and order.payment_method != PaymentMethod.CASH_ON_DELIVERY:
        raise ValidationError({"status": ValidationError(
            _("Ship only once the order is paid."), code=OrderErrorCode.INVALID_STATUS)})
    if order.delivery_method == DeliveryMethod.COURIER and not tracking_number:
        raise ValidationError({"tracking_number": ValidationError(
            _("Give the courier's tracking number (resi)."), code=CommonErrorCode.REQUIRED)})
    if len(tracking_number) > 60:
        raise ValidationError({"tracking_number": ValidationError(_("This is too long."),
                                                                  code=CommonErrorCode.INVALID)})


def _ship(order: Order, ids: list[int], tracking_number: str, actor) -> None:
    """Shipped units leave the shelf."""
    shipped = list(order.lines.filter(pk__in=ids, sold=False))
    stock_sell(order.number, [Line(line.stock_id, line.open_quantity) for line in shipped
                              if line.open_quantity], actor=actor)
    OrderLine.objects.filter(pk__in=ids).update(sold=True, tracking_number=tracking_number)

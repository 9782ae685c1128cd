"""Each seller prepares only its own lines; the order is ready when all of them are."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.services.common import can_act_for_seller

from ..models import LineFulfilment, Order, OrderLine, OrderStatus
from .checkout import order_event

STEPS = [LineFulfilment.PENDING, LineFulfilment.PACKED, LineFulfilment.READY]


@transaction.atomic
def order_lines_fulfill(lines: list[OrderLine], actor, status: str) -> Order:
    """Move lines of one order forward (packed, ready). Refuses lines the actor may not
    handle: a seller its own lines, catalog staff any line of their cooperative."""
    if status not in (LineFulfilment.PACKED, LineFulfilment.READY):
        raise ValidationError({"status": ValidationError(_("Choose packed or ready."),
                                                         code="invalid")})
    orders = {line.order_id for line in lines}
    if len(orders) != 1:
        raise ValidationError({"ids": ValidationError(_("Give lines of one order."),
                                                      code="invalid")})
    if not all(can_act_for_seller(actor, line.seller) for line in lines):
        raise PermissionDenied
    order = Order.objects.select_for_update().get(pk=orders.pop())
    if order.status in (OrderStatus.CANCELLED, OrderStatus.COMPLETED):
        raise ValidationError({"ids": ValidationError(
            _("This order is %(status)s.") % {"status": order.get_status_display().lower()},
            code="invalid_status")})
    ids = [line.pk for line in lines]
    OrderLine.objects.filter(pk__in=ids).update(fulfilment=status)
    order_event(order, f"lines_{status}", actor,
                _("%(n)s lines %(status)s.") % {"n": len(ids), "status": status})
    if not order.lines.exclude(fulfilment=LineFulfilment.READY).exists():
        order.ready_at = timezone.now()
        if order.status in (OrderStatus.PAID, OrderStatus.PROCESSING):
            order.status = OrderStatus.READY_FOR_PICKUP
        order.save(update_fields=["ready_at", "status"])
        order_event(order, "ready", actor, _("Ready for pickup."))
    return order

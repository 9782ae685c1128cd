from ..models import Order, OrderEvent


def order_event(order: Order, kind: str, actor, message: str = "") -> OrderEvent:
    """Every change of an order is recorded: who, when, what."""
    return OrderEvent.objects.create(
        cooperative_id=order.cooperative_id, order=order, kind=kind, message=message[:255],
        actor=actor if getattr(actor, "is_authenticated", False) else None)

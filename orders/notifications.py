"""Order news for shoppers (placed, paid, ready, shipped) and sellers (a new order with their
products), sent after the change commits, by a Celery worker that retries."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from backend.money import format_rupiah

from .models import DeliveryMethod, Order


def _shopper_message(order: Order, kind: str) -> tuple[str, str]:
    facts = {"number": order.number, "total": format_rupiah(order.total),
             "store": order.pickup_location.name if order.pickup_location_id else "",
             "tracking": ", ".join(sorted({line.tracking_number for line in order.lines.all()
                                           if line.tracking_number})) or "-"
             if kind == "shipped" else "",
             "link": f"{settings.PUBLIC_URL}/akun/pesanan/{order.number}/"}
    if kind == "placed":
        body = _("Thank you! Your order %(number)s (%(total)s) has been placed.") % facts
        if order.delivery_method == DeliveryMethod.PICKUP:
            body += " " + _("Pickup code: %(code)s at %(store)s.") % {
                **facts, "code": order.pickup_code}
        return _("Order %(number)s placed") % facts, body
    if kind == "paid":
        return (_("Order %(number)s paid") % facts,
                _("We have received %(total)s for order %(number)s.") % facts)
    if kind == "ready":
        return (_("Order %(number)s is ready") % facts,
                _("Order %(number)s is ready for pickup at %(store)s. Show your pickup "
                  "code.") % facts)
    return (_("Order %(number)s shipped") % facts,
            _("Order %(number)s is on its way. Tracking number: %(tracking)s.") % facts)


def _seller_messages(order: Order) -> list[dict]:
    by_seller: dict[int, list] = {}
    for line in order.lines.select_related("seller"):
        by_seller.setdefault(line.seller_id, []).append(line)
    messages = []
    for lines in by_seller.values():
        seller = lines[0].seller
        items = "; ".join(f"{line.quantity} x {line.product_name}" for line in lines)
        messages.append({"phone": seller.phone, "email": seller.email,
                         "subject": _("New order %(number)s") % {"number": order.number},
                         "message": _("New order %(number)s for %(business)s: %(items)s. "
                                      "Prepare it in the seller portal.") % {
                             "number": order.number, "business": seller.business_name,
                             "items": items}})
    return messages


def notify_order(order: Order, kind: str) -> None:
    """Queue the messages for this change once it has committed (a rolled-back change
    tells nobody anything)."""
    from .tasks import send_message

    with translation.override(settings.LANGUAGE_CODE):
        messages = []
        if order.email or order.phone:
            subject, body = _shopper_message(order, kind)
            messages.append({"phone": order.phone, "email": order.email, "subject": subject,
                             "message": body})
        if kind == "placed":
            messages += _seller_messages(order)
    for message in messages:
        transaction.on_commit(lambda m=message: send_message.delay(**m))

"""Order news for shoppers (placed, paid, ready, shipped, delivered) and sellers (a new order
with their products), through messaging: logged, sent after the change commits, retried.
Every message to the shopper carries the link to the order's page."""

from django.conf import settings
from django.urls import reverse

from backend.accounts.permissions import Permission
from backend.money import format_rupiah
from messaging.services import message_send, staff_notify

from .models import DeliveryMethod, Order

SHOPPER_TEMPLATES = {"paid": "order_paid", "ready": "order_ready", "shipped": "order_shipped",
                     "delivered": "order_delivered"}


def order_link(order: Order) -> str:
    """The order's page on the cooperative's storefront; its token is a guest's key."""
    return settings.PUBLIC_URL + reverse("shop-k:order", args=[order.cooperative.slug,
                                                               order.checkout_token])


def _order_facts(order: Order, kind: str) -> dict:
    facts = {"number": order.number, "total": format_rupiah(order.total),
             "store": order.pickup_location.name if order.pickup_location_id else "",
             "code": order.pickup_code,
             "link": order_link(order)}
    if kind == "shipped":
        facts["tracking"] = ", ".join(sorted({line.tracking_number
                                              for line in order.lines.all()
                                              if line.tracking_number})) or "-"
    return facts


def _shopper_template(order: Order, kind: str) -> str:
    if kind == "placed":
        return ("order_placed_pickup" if order.delivery_method == DeliveryMethod.PICKUP
                else "order_placed_delivery")
    return SHOPPER_TEMPLATES[kind]


def _tell_sellers(order: Order) -> None:
    by_seller: dict[int, list] = {}
    for line in order.lines.select_related("seller"):
        by_seller.setdefault(line.seller_id, []).append(line)
    for lines in by_seller.values():
        seller = lines[0].seller
        message_send(order.cooperative, "seller_new_order",
                     {"number": order.number, "business": seller.business_name,
                      "items": "; ".join(f"{line.quantity} x {line.product_name}"
                                         for line in lines)},
                     phone=seller.phone, email=seller.email)


def notify_order(order: Order, kind: str) -> None:
    """Log and queue the messages for this change; they leave once it has committed (a
    rolled-back change tells nobody anything)."""
    if order.email or order.phone:
        message_send(order.cooperative, _shopper_template(order, kind),
                     _order_facts(order, kind), phone=order.phone, email=order.email)
    if kind == "placed":
        _tell_sellers(order)


def notify_receipt_to_check(order: Order) -> None:
    """A shopper uploaded a transfer receipt: the staff who handle orders check it."""
    link = settings.PUBLIC_URL + reverse("dashboard:manage-order", args=[order.cooperative.slug,
                                                               order.number])
    staff_notify(order.cooperative, Permission.MANAGE_ORDERS, "manager_transfer_receipt",
                 {"number": order.number, "total": format_rupiah(order.total), "link": link})

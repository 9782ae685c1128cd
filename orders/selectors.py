from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import StaffMembership
from backend.accounts.permissions import Permission
from backend.accounts.selectors import has_permission, roles_with
from payments.selectors import attempt_current, methods_offered

from .models import (
    PAYABLE_KIND,
    Checkout,
    DeliveryMethod,
    LineFulfilment,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentMethod,
    PayoutEntry,
    SellerPayout,
)


def orders_visible_to(user, queryset=None):
    """A shopper's own orders; all orders of the cooperatives where one handles sales."""
    queryset = Order.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    staffed = StaffMembership.objects.filter(
        user=user, role__in=roles_with(Permission.HANDLE_SALES)).values("cooperative_id")
    return queryset.filter(Q(user=user) | Q(cooperative_id__in=staffed))


def seller_lines_visible_to(user, queryset):
    """Order lines of the sellers one owns, and of the cooperatives where one is staff."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    staffed = StaffMembership.objects.filter(user=user).values("cooperative_id")
    return queryset.filter(Q(seller__owner=user) | Q(cooperative_id__in=staffed))


def seller_order_lines(seller, *, open_only: bool = True, limit: int = 200):
    """A seller's lines to prepare, newest orders first."""
    lines = OrderLine.objects.filter(seller=seller).select_related(
        "order__pickup_location").order_by("-order__created_at", "pk")
    if open_only:
        lines = lines.exclude(order__status__in=[
            OrderStatus.CANCELLED, OrderStatus.COMPLETED, OrderStatus.REFUNDED,
            OrderStatus.PARTLY_REFUNDED]).exclude(fulfilment=LineFulfilment.SHIPPED)
    return lines[:limit]


def payouts_visible_to(user, queryset=None):
    """A seller owner's own statements; all of the cooperatives where one manages orders."""
    queryset = SellerPayout.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    managed = StaffMembership.objects.filter(
        user=user, role__in=roles_with(Permission.MANAGE_ORDERS)).values("cooperative_id")
    return queryset.filter(Q(seller__owner=user) | Q(cooperative_id__in=managed))


def seller_money_visible_to(user, seller) -> bool:
    """Whether one may see a seller's payouts and balance: its owner, and the cooperative's
    order managers (the seller portal and the API ask here)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return seller.owner_id == user.pk or has_permission(user, seller.cooperative_id,
                                                        Permission.MANAGE_ORDERS)


def payout_balance(seller) -> int:
    """What a seller has earned (less refunds) that is on no statement yet."""
    return PayoutEntry.objects.filter(seller=seller, payout__isnull=True).aggregate(
        total=Sum("amount"))["total"] or 0


def popular_product_ids(cooperative, *, limit: int = 8, days: int = 90) -> list[int]:
    """Products most bought in the cooperative lately, for the storefront's home page."""
    since = timezone.now() - timedelta(days=days)
    rows = OrderLine.objects.filter(cooperative=cooperative, order__created_at__gte=since).exclude(
        order__status=OrderStatus.CANCELLED).values("variant__product").annotate(
        sold=Sum("quantity")).order_by("-sold", "variant__product")[:limit]
    return [row["variant__product"] for row in rows]


def order_for_shopper(cooperative, user, *, token=None, pk=None):
    """An order its shopper may see and act on (pay, send the transfer receipt), for the page
    and the API alike: by its checkout token, the guest's key (a guest with the token may act
    on the order, as on its cart); an order placed while signed in is that shopper's alone,
    by token or by id. `cooperative` None: an API request that names none."""
    orders = Order.objects.all() if cooperative is None else Order.objects.of(cooperative)
    if token is not None:
        orders = orders.filter(checkout_token=token)
    elif pk is not None and getattr(user, "is_authenticated", False):
        orders = orders.filter(pk=pk, user=user)
    else:
        return None
    order = orders.select_related("pickup_location").prefetch_related("lines__seller").first()
    if order is None or (order.user_id and order.user_id != getattr(user, "pk", None)):
        return None
    return order


def checkout_for_token(cooperative, token, user):
    """A cart of this cooperative by its token, if it is the asker's (a signed-in shopper's
    cart is theirs alone). The page and the API both ask here. `cooperative` is None only for
    an API request that names no cooperative (no header, host or argument): then the token,
    a 128-bit secret, names the cart's own cooperative; a request that names one never reaches
    another cooperative's cart."""
    checkout = Checkout.objects.filter(token=token)
    if cooperative is not None:
        checkout = checkout.filter(cooperative=cooperative)
    checkout = checkout.select_related("cooperative", "pickup_location", "user",
                                       "voucher").first()
    if checkout is None or (checkout.user_id and checkout.user_id != getattr(user, "pk", None)):
        return None
    return checkout


# Which ways of paying fit which delivery; the cooperative's settings narrow them further.
PAYMENT_METHODS_FOR = {
    DeliveryMethod.PICKUP: (PaymentMethod.PAY_AT_PICKUP, PaymentMethod.ONLINE,
                            PaymentMethod.BANK_TRANSFER, PaymentMethod.CARD),
    DeliveryMethod.LOCAL_DELIVERY: (PaymentMethod.CASH_ON_DELIVERY, PaymentMethod.ONLINE,
                                    PaymentMethod.BANK_TRANSFER, PaymentMethod.CARD),
    DeliveryMethod.COURIER: (PaymentMethod.BANK_TRANSFER, PaymentMethod.ONLINE,
                             PaymentMethod.CARD),
}


def payment_method_unavailable_reason(cooperative, delivery_method: str, method: str) -> str:
    """Why a way of paying is not possible ("" when it is): the one rule the page's choices,
    `Checkout.availablePaymentMethods` and the checkout services all follow."""
    if method not in PAYMENT_METHODS_FOR.get(delivery_method, ()):
        return _("This way of paying is not possible with this delivery.")
    if method == PaymentMethod.BANK_TRANSFER and not cooperative.bank_transfer_instructions:
        return _("This cooperative does not take bank transfers.")
    if method == PaymentMethod.CARD and not settings.STRIPE_SECRET_KEY:
        return _("Card payments are not available.")
    if method == PaymentMethod.ONLINE and not methods_offered(cooperative):
        return _("This cooperative does not take online payments.")
    return ""


def checkout_payment_methods(checkout, delivery_method: str | None = None) -> list[str]:
    """The ways the checkout can be paid, for its delivery (or for `delivery_method`, to
    show the choices that come with another one), in the order they are offered."""
    delivery_method = delivery_method or checkout.delivery_method
    return [method for method in PAYMENT_METHODS_FOR.get(delivery_method, ())
            if not payment_method_unavailable_reason(checkout.cooperative, delivery_method,
                                                     method)]


def checkout_payment_method_default(checkout) -> str:
    """The choice shown selected: the one made if it still fits, else the first that does."""
    available = checkout_payment_methods(checkout)
    if checkout.payment_method in available:
        return checkout.payment_method
    return available[0] if available else ""


def order_shopper_status(order) -> str:
    """The order's state in the shopper's words: an unpaid pay-at-pickup order is not a
    worry, it is paid at the store."""
    if order.status == OrderStatus.UNPAID and order.payment_method == PaymentMethod.PAY_AT_PICKUP:
        return _("Pay at the store when you pick it up")
    return order.get_status_display()


def order_awaits_pickup(order) -> bool:
    """Whether the pickup code still means something: a pickup order not yet collected,
    cancelled or refunded."""
    return order.delivery_method == DeliveryMethod.PICKUP and order.status in (
        OrderStatus.UNPAID, OrderStatus.PAID, OrderStatus.PROCESSING,
        OrderStatus.READY_FOR_PICKUP)


def orders_of_shopper(cooperative, user):
    """The signed-in shopper's own orders in this cooperative, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Order.objects.none()
    return Order.objects.of(cooperative).filter(user=user).order_by("-created_at", "-pk")


def order_online_payment(order):
    """The order's latest QRIS, virtual account or e-wallet payment, for its payment step."""
    return attempt_current(PAYABLE_KIND, order.pk)


def order_online_payment_methods(order) -> list[str]:
    if order.status != OrderStatus.UNPAID or order.payment_method != PaymentMethod.ONLINE:
        return []
    return methods_offered(order.cooperative)


def order_card_payment(order):
    """The order's latest card payment, for the storefront's card step."""
    return Payment.objects.filter(order=order, method=PaymentMethod.CARD).order_by(
        "-created_at", "-pk").first()


def sales_summary(cooperative, start, end) -> dict:
    """Completed sales whose order was paid in [start, end) (datetimes), net of refunds: the
    total, by channel (how the goods went), by store, and by UMKM seller."""
    orders = Order.objects.of(cooperative).filter(
        status__in=[OrderStatus.COMPLETED, OrderStatus.PARTLY_REFUNDED],
        paid_at__gte=start, paid_at__lt=end)
    net = F("total") - F("refunded_total")
    by_channel = {str(DeliveryMethod(k).label): v for k, v in orders.values_list(
        "delivery_method").annotate(s=Sum(net)).values_list("delivery_method", "s")}
    by_store = dict(orders.filter(pickup_location__isnull=False).values_list(
        "pickup_location__name").annotate(s=Sum(net)).values_list("pickup_location__name",
                                                                   "s"))
    lines = OrderLine.objects.filter(order__in=orders)
    by_seller = dict(lines.values_list("seller__business_name").annotate(
        s=Sum(F("line_total") - F("discount"))).values_list("seller__business_name", "s"))
    return {"total": orders.aggregate(s=Sum(net))["s"] or 0,
            "orders": orders.count(), "by_channel": by_channel, "by_store": by_store,
            "by_seller": by_seller}

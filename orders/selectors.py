from django.db.models import Q

from backend.accounts.models import StaffMembership
from backend.accounts.permissions import Permission
from backend.accounts.selectors import roles_with

from .models import Order


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
    from .models import LineFulfilment, OrderLine, OrderStatus

    lines = OrderLine.objects.filter(seller=seller).select_related(
        "order__pickup_location").order_by("-order__created_at", "pk")
    if open_only:
        lines = lines.exclude(order__status__in=[
            OrderStatus.CANCELLED, OrderStatus.COMPLETED, OrderStatus.REFUNDED,
            OrderStatus.PARTLY_REFUNDED]).exclude(fulfilment=LineFulfilment.SHIPPED)
    return lines[:limit]


def payouts_visible_to(user, queryset=None):
    """A seller owner's own statements; all of the cooperatives where one manages orders."""
    from .models import SellerPayout

    queryset = SellerPayout.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    managed = StaffMembership.objects.filter(
        user=user, role__in=roles_with(Permission.MANAGE_ORDERS)).values("cooperative_id")
    return queryset.filter(Q(seller__owner=user) | Q(cooperative_id__in=managed))


def payout_balance(seller) -> int:
    """What a seller has earned (less refunds) that is on no statement yet."""
    from django.db.models import Sum

    from .models import PayoutEntry

    return PayoutEntry.objects.filter(seller=seller, payout__isnull=True).aggregate(
        total=Sum("amount"))["total"] or 0


def popular_product_ids(cooperative, *, limit: int = 8, days: int = 90) -> list[int]:
    """Products most bought in the cooperative lately, for the storefront's home page."""
    from datetime import timedelta

    from django.db.models import Sum
    from django.utils import timezone

    from .models import OrderLine, OrderStatus

    since = timezone.now() - timedelta(days=days)
    rows = OrderLine.objects.filter(cooperative=cooperative, order__created_at__gte=since).exclude(
        order__status=OrderStatus.CANCELLED).values("variant__product").annotate(
        sold=Sum("quantity")).order_by("-sold", "variant__product")[:limit]
    return [row["variant__product"] for row in rows]


def order_for_checkout_token(cooperative, token):
    """The order a cart became, for its confirmation page (the token is the shopper's key)."""
    return Order.objects.of(cooperative).filter(checkout_token=token).select_related(
        "pickup_location").prefetch_related("lines").first()


def checkout_for_token(cooperative, token, user):
    """A cart of this cooperative by its token, if it is the asker's (a signed-in shopper's
    cart is theirs alone)."""
    from .models import Checkout

    checkout = Checkout.objects.of(cooperative).filter(token=token).select_related(
        "cooperative", "pickup_location", "user", "voucher").first()
    if checkout is None or (checkout.user_id and checkout.user_id != getattr(user, "pk", None)):
        return None
    return checkout


def orders_of_shopper(cooperative, user):
    """The signed-in shopper's own orders in this cooperative, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Order.objects.none()
    return Order.objects.of(cooperative).filter(user=user).order_by("-created_at", "-pk")


def order_card_payment(order):
    """The order's latest card payment, for the storefront's card step."""
    from .models import Payment, PaymentMethod

    return Payment.objects.filter(order=order, method=PaymentMethod.CARD).order_by(
        "-created_at", "-pk").first()

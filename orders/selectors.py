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

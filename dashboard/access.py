"""Who may open a dashboard page: every page asks here, with the object from its URL."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from backend.accounts.selectors import has_permission, staff_role
from backend.cooperatives.models import Cooperative
from catalog.models import Seller
from catalog.services.common import can_act_for_seller
from inventory.models import Location

from .inputs import object_id


def seller_of(request, seller_id: int) -> Seller:
    """A seller the signed-in person works for (its owner, or the cooperative's catalog
    staff); anyone else is refused."""
    seller = get_object_or_404(Seller.objects.select_related("cooperative"), pk=seller_id)
    if not can_act_for_seller(request.user, seller):
        raise PermissionDenied
    return seller


def cooperative_of(request, slug: str, permission: str) -> Cooperative:
    """The cooperative of a console page, for staff who hold `permission` there."""
    cooperative = get_object_or_404(Cooperative, slug=slug, is_active=True)
    if not has_permission(request.user, cooperative, permission):
        raise PermissionDenied
    return cooperative


def is_staff_of(user, cooperative) -> bool:
    return user.is_superuser or staff_role(user, cooperative) is not None


def location_of(cooperative, location_id) -> Location:
    """A store of the cooperative, by the id a form sent; anything else is a 404."""
    return get_object_or_404(Location.objects.of(cooperative), pk=object_id(location_id))

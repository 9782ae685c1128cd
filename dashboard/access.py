"""Who may open a dashboard page: every page asks here, with the object from its URL."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from backend.accounts.selectors import has_permission, rows_with_permission, staff_role
from backend.cooperatives.models import Cooperative
from backend.cooperatives.tenancy import scoped_to
from catalog.models import Seller
from catalog.selectors import sellers_acted_for
from inventory.models import Location

from .inputs import object_id


def object_of(queryset, pk, *, cooperative: Cooperative | None = None, user=None,
              permission: str | None = None, seller_field: str | None = None):
    """The one lookup of a page's object by the id in its URL or form. It is looked for only
    among the rows the page may show: those of `cooperative` (a console page's, whose
    permission the page checked), else of the cooperatives where the caller holds
    `permission` (a page without a cooperative in its path), else of the sellers the caller
    acts for (`seller_field` names the seller; "pk" for a seller itself). Another
    cooperative's object, one the caller may not see and one that does not exist are the
    same 404."""
    if cooperative is not None:
        queryset = scoped_to(queryset, cooperative)
    elif permission is not None:
        queryset = rows_with_permission(user, queryset, permission)
    elif seller_field is not None:
        queryset = queryset.filter(**{f"{seller_field}__in": sellers_acted_for(user)})
    else:
        raise ValueError("object_of needs the scope to look in")
    return get_object_or_404(queryset, pk=object_id(pk))


def seller_of(request, seller_id: int) -> Seller:
    """A seller the signed-in person works for (its owner, or the cooperative's catalog
    staff); any other id is a 404."""
    return object_of(Seller.objects.select_related("cooperative"), seller_id,
                     user=request.user, seller_field="pk")


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
    return object_of(Location.objects.all(), location_id, cooperative=cooperative)

from django.db.models import Q

from backend.accounts.models import StaffMembership
from backend.accounts.permissions import Permission
from backend.accounts.selectors import roles_with

from .models import Member, ShuShare


def members_visible_to(user, queryset=None):
    """The register for its cooperative's managers; a member sees their own record."""
    queryset = Member.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    managed = StaffMembership.objects.filter(
        user=user, role__in=roles_with(Permission.MANAGE_MEMBERS)).values("cooperative_id")
    return queryset.filter(Q(user=user) | Q(cooperative_id__in=managed))


def own_claims(user, queryset):
    """Membership claims the user made."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(user=user)


def member_search(cooperative, text: str = "", *, active: bool | None = None,
                  status: str | None = None):
    queryset = Member.objects.of(cooperative)
    if text:
        queryset = queryset.filter(Q(member_number__iexact=text) | Q(full_name__icontains=text)
                                   | Q(phone__endswith=text.lstrip("0")))
    if active is not None:
        queryset = queryset.filter(is_active=active)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def membership_of(user, cooperative) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.of(cooperative).filter(user=user).first()


def shu_statements_of(user, cooperative=None):
    """The person's own SHU shares, newest year first: in one cooperative, or in every one
    they are a member of."""
    shares = ShuShare.objects.filter(member__user=user)
    if cooperative is not None:
        shares = shares.filter(member__cooperative=cooperative)
    return shares.select_related("calculation", "member__cooperative").order_by(
        "-calculation__fiscal_year", "pk")

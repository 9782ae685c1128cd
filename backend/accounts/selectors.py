from django.core.exceptions import ValidationError
from django.db.models import Q

from backend.cooperatives.models import Cooperative

from .models import StaffMembership, User
from .permissions import ROLE_PERMISSIONS, Permission
from .phone import looks_like_email, normalize_phone


def normalize_login(login: str) -> str:
    """An email in lower case, or a phone number in +62 form; unchanged if neither parses."""
    login = (login or "").strip()
    if looks_like_email(login):
        return login.lower()
    try:
        return normalize_phone(login)
    except ValidationError:
        return login


def throttle_key(request, credentials) -> str | None:
    """django-axes counts failed sign-ins per this login name."""
    login = (credentials or {}).get("username")
    if login is None and request is not None:
        login = request.POST.get("username")
    return normalize_login(login) if login else None


def user_by_login(login: str) -> User | None:
    login = normalize_login(login)
    if not login:
        return None
    field = "email" if looks_like_email(login) else "phone"
    return User.objects.filter(**{field: login}).first()


def staff_role(user, cooperative: Cooperative | int | None) -> str | None:
    """The user's role in the cooperative (object or id), cached on the user object for the
    request."""
    if cooperative is None or not getattr(user, "is_authenticated", False):
        return None
    key = getattr(cooperative, "pk", cooperative)
    cache = user.__dict__.setdefault("_staff_roles", {})
    if key not in cache:
        cache[key] = (
            StaffMembership.objects.filter(user=user, cooperative_id=key)
            .values_list("role", flat=True).first()
        )
    return cache[key]


def has_permission(user, cooperative: Cooperative | None, permission: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    role = staff_role(user, cooperative)
    return role is not None and permission in ROLE_PERMISSIONS[role]


def roles_with(permission: str) -> list[str]:
    return [role for role, permissions in ROLE_PERMISSIONS.items() if permission in permissions]


def staff_memberships_visible_to(user, queryset=None):
    """Staff lists: managers see their cooperative's staff, anyone sees their own roles."""
    queryset = StaffMembership.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    managed = StaffMembership.objects.filter(
        user=user, role__in=roles_with(Permission.MANAGE_STAFF)).values("cooperative_id")
    return queryset.filter(Q(user=user) | Q(cooperative_id__in=managed))


def staff_rows_visible_to(user, queryset):
    """Rows of the cooperatives where the user has a staff role (any role); all for the
    operator; none for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(cooperative_id__in=StaffMembership.objects.filter(
        user=user).values("cooperative_id"))


def rows_with_permission(user, queryset, permission: str):
    """Rows of the cooperatives where the user holds `permission`; all for the operator;
    none for anyone else (the queryset form of `has_permission`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(cooperative_id__in=StaffMembership.objects.filter(
        user=user, role__in=roles_with(permission)).values("cooperative_id"))


def is_staff_anywhere(user) -> bool:
    """Operator, or staff of at least one cooperative."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.is_staff or StaffMembership.objects.filter(
        user=user).exists()

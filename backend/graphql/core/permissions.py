"""Permission checks declared on resolvers; mutations declare theirs in Meta."""

from functools import wraps

from django.utils.translation import gettext as _

from backend.accounts.selectors import has_permission
from backend.cooperatives.models import Cooperative
from backend.cooperatives.tenancy import cooperative_for

from .errors import NotFound, PermissionDenied


def authenticated_user(info):
    """The signed-in user, or PermissionDenied that says why (expired token, say)."""
    request = info.context
    user = request.user
    if user.is_authenticated and user.is_active:
        return user
    jwt_error = getattr(request, "jwt_error", None)
    if jwt_error is not None:
        raise PermissionDenied(jwt_error.message, code=jwt_error.code)
    raise PermissionDenied(_("Sign in first."), code="AUTHENTICATION_REQUIRED")


def require_cooperative(info, slug: str | None) -> Cooperative:
    cooperative = cooperative_for(info.context, slug)
    if cooperative is None:
        raise NotFound(_("Cooperative not found. Give its slug in the `cooperative` argument or "
                         "the X-Cooperative header."))
    return cooperative


def check_permission(info, cooperative: Cooperative, permission: str) -> None:
    user = authenticated_user(info)
    if not has_permission(user, cooperative, permission):
        raise PermissionDenied()


def login_required(resolver):
    @wraps(resolver)
    def wrapper(root, info, **kwargs):
        authenticated_user(info)
        return resolver(root, info, **kwargs)
    return wrapper


def operator_required(resolver):
    @wraps(resolver)
    def wrapper(root, info, **kwargs):
        if not authenticated_user(info).is_superuser:
            raise PermissionDenied()
        return resolver(root, info, **kwargs)
    return wrapper


def _cooperative_of(root, info, kwargs) -> Cooperative:
    if isinstance(root, Cooperative):
        return root
    if root is not None and hasattr(root, "cooperative_id"):
        return root.cooperative
    return require_cooperative(info, kwargs.get("cooperative"))


def permission_required(permission: str):
    """The viewer needs `permission` in the cooperative of the object (or of the request)."""
    def decorator(resolver):
        @wraps(resolver)
        def wrapper(root, info, **kwargs):
            check_permission(info, _cooperative_of(root, info, kwargs), permission)
            return resolver(root, info, **kwargs)
        return wrapper
    return decorator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from backend.error_codes import CommonErrorCode


def pk_from_global_id(global_id: str, type_name: str, field: str = "id") -> int:
    """The primary key inside a Relay ID of the given type, or a ValidationError."""
    try:
        kind, pk = from_global_id(global_id or "")
        if kind == type_name:
            return int(pk)
    except (ValueError, TypeError, UnicodeDecodeError):
        pass
    raise ValidationError({field: ValidationError(
        _("This is not a valid %(type)s ID.") % {"type": type_name}, code=CommonErrorCode.INVALID)})


def get_by_global_id(queryset, global_id: str, type_name: str, field: str = "id"):
    obj = queryset.filter(pk=pk_from_global_id(global_id, type_name, field)).first()
    if obj is None:
        raise ValidationError({field: ValidationError(
            _("No %(type)s with this ID.") % {"type": type_name}, code=CommonErrorCode.NOT_FOUND)})
    return obj

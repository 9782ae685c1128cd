"""Text that comes in through the API: PostgreSQL cannot store a NUL character (\\x00), and
letting one through ends in a database error shown to the client. It is refused here, for
every argument of every query and mutation, as a coded error."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError, OperationType

from backend.error_codes import CommonErrorCode

NUL_MESSAGE = _("The text contains a NUL character (\\x00), which is not allowed.")


def field_with_nul(value, field: str | None = None) -> str | None:
    """The name of the innermost input field holding a string with a NUL character."""
    if isinstance(value, str):
        return field if "\x00" in value else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list | tuple):
        items = ((field, item) for item in value)
    else:
        return None
    for key, item in items:
        found = field_with_nul(item, key)
        if found is not None:
            return found
    return None


def refuse_nul_characters(arguments: dict) -> None:
    """Raise a ValidationError on the field that holds a NUL character."""
    field = field_with_nul(arguments)
    if field is not None:
        raise ValidationError({field: ValidationError(NUL_MESSAGE,
                                                      code=CommonErrorCode.INVALID)})


class RefuseNulCharactersMiddleware:
    """For queries: the same refusal as a top-level error (a mutation answers it in its
    `errors` list, see BaseMutation.mutate)."""

    def resolve(self, next, root, info, **arguments):
        if (arguments and info.path.prev is None
                and info.operation.operation != OperationType.MUTATION):
            field = field_with_nul(arguments)
            if field is not None:
                raise GraphQLError(str(NUL_MESSAGE), extensions={
                    "code": CommonErrorCode.INVALID.name, "field": to_camel_case(field)})
        return next(root, info, **arguments)

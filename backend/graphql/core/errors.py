"""The one error contract of every mutation: `errors: [XError!]!` with field, code, message.

Codes are declared once per domain (`<domain>/error_codes.py`, a `StrEnum`); the GraphQL
enum of a mutation's errors is made from those classes here. A code raised that its
mutation's enum does not carry is a bug: it is logged, and under
`GRAPHQL_STRICT_ERROR_CODES` (on in development and tests) it fails the request, so a new
code cannot land unnoticed behind a vague INVALID.
"""

import logging
from enum import Enum

import graphene
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError

from backend.error_codes import CommonErrorCode

logger = logging.getLogger(__name__)

# Codes of Django's own validators (model and form fields, password validators) and what
# they mean in our contract. Any other code must be in the mutation's enum.
DJANGO_CODES = {
    "blank": CommonErrorCode.REQUIRED,
    "null": CommonErrorCode.REQUIRED,
    "unique_together": CommonErrorCode.UNIQUE,
    **dict.fromkeys(
        ("max_length", "min_length", "max_value", "min_value", "step_size", "invalid_choice",
         "max_digits", "max_decimal_places", "max_whole_digits", "invalid_date",
         "invalid_time", "invalid_list", "invalid_pk_value", "null_characters_not_allowed",
         "invalid_extension", "overflow", "limit_value"),
        CommonErrorCode.INVALID),
}


class UnknownErrorCode(AssertionError):
    """A code was raised that the mutation's error enum does not declare."""


def error_code_enum(name: str, *codes) -> type[graphene.Enum]:
    """The GraphQL enum `name`: the common codes, then each given `StrEnum` class or member.

    A name given twice must mean the same code."""
    members: dict[str, str] = {member.name: member.value for member in CommonErrorCode}
    for item in codes:
        for member in (item,) if isinstance(item, Enum) else item:
            assert members.get(member.name, member.value) == member.value, member
            assert member.name == member.value.upper(), f"{member!r}: name must be its code"
            members[member.name] = member.value
    return graphene.Enum(name, list(members.items()),
                         description=f"The codes of {name.removesuffix('Code')}.")


def error_type(name: str, code_enum: type[graphene.Enum]) -> type[graphene.ObjectType]:
    return type(name, (graphene.ObjectType,), {
        "field": graphene.String(
            description="The input field the error is about, in camelCase; null for the whole "
                        "input."),
        "code": graphene.Field(code_enum, required=True),
        "message": graphene.String(required=True, description="For people, in their language."),
        "__doc__": f"A problem with the input of a mutation ({name}).",
    })


def known_code(code, code_enum) -> str:
    """The enum name for a `ValidationError` code, refusing (strict) or logging one the enum
    does not declare."""
    known = code_enum._meta.enum.__members__
    value = str(code or CommonErrorCode.INVALID).lower()
    name = DJANGO_CODES.get(value, value).upper()
    if name in known:
        return name
    logger.error("Error code %r is not in %s", value, code_enum._meta.name)
    if settings.GRAPHQL_STRICT_ERROR_CODES:
        raise UnknownErrorCode(f"Error code {value!r} is not in {code_enum._meta.name}: "
                               f"declare it in the domain's error_codes.py and the enum.")
    return CommonErrorCode.INVALID.name


def error_message(item: ValidationError) -> str:
    message = item.message % item.params if item.params else item.message
    return str(message)


def validation_items(error: ValidationError) -> list[tuple[str, ValidationError]]:
    """(field, error) pairs of a ValidationError, NON_FIELD_ERRORS for the whole input."""
    if hasattr(error, "error_dict"):
        return [(field, item) for field, items in error.error_dict.items() for item in items]
    return [(NON_FIELD_ERRORS, item) for item in error.error_list]


def error_field(field: str) -> str | None:
    return None if field == NON_FIELD_ERRORS else to_camel_case(field)


def errors_from_validation(error: ValidationError, code_enum) -> list[dict]:
    return [{"field": error_field(field), "code": known_code(item.code, code_enum),
             "message": error_message(item)} for field, item in validation_items(error)]


def query_error_code(code) -> str:
    """The code of a ValidationError raised by a query (which has no error enum)."""
    value = str(code or CommonErrorCode.INVALID).lower()
    return DJANGO_CODES.get(value, value).upper()


class PermissionDenied(GraphQLError):
    def __init__(self, message: str | None = None, code: str = "PERMISSION_DENIED"):
        message = message or _("You do not have permission to do this.")
        super().__init__(str(message), extensions={"code": code})


class NotFound(GraphQLError):
    def __init__(self, message: str):
        super().__init__(message, extensions={"code": "NOT_FOUND"})

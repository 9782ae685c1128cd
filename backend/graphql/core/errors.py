"""The one error contract of every mutation: `errors: [XError!]!` with field, code, message."""

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError

# Codes every domain's error enum carries, beside its own.
COMMON_CODES = ("REQUIRED", "INVALID", "UNIQUE", "NOT_FOUND", "GRAPHQL_ERROR")


def error_code_enum(name: str, codes: tuple[str, ...]) -> type[graphene.Enum]:
    members = dict.fromkeys(COMMON_CODES) | dict.fromkeys(codes)
    return graphene.Enum(name, [(code, code) for code in members])


def error_type(name: str, code_enum: type[graphene.Enum]) -> type[graphene.ObjectType]:
    return type(name, (graphene.ObjectType,), {
        "field": graphene.String(
            description="The input field the error is about, in camelCase; null for the whole "
                        "input."),
        "code": graphene.Field(code_enum, required=True),
        "message": graphene.String(required=True, description="For people, in their language."),
        "__doc__": f"A problem with the input of a mutation ({name}).",
    })


def errors_from_validation(error: ValidationError, code_enum) -> list[dict]:
    known = {member.value for member in code_enum._meta.enum}
    if hasattr(error, "error_dict"):
        fields = error.error_dict
    else:
        fields = {NON_FIELD_ERRORS: error.error_list}
    result = []
    for field, items in fields.items():
        for item in items:
            code = (item.code or "invalid").upper()
            message = item.message % item.params if item.params else item.message
            result.append({
                "field": None if field == NON_FIELD_ERRORS else to_camel_case(field),
                "code": code if code in known else "INVALID",
                "message": str(message),
            })
    return result


class PermissionDenied(GraphQLError):
    def __init__(self, message: str | None = None, code: str = "PERMISSION_DENIED"):
        message = message or _("You do not have permission to do this.")
        super().__init__(str(message), extensions={"code": code})


class NotFound(GraphQLError):
    def __init__(self, message: str):
        super().__init__(message, extensions={"code": "NOT_FOUND"})

"""Shared input checking for services: collect every problem, then raise them together."""

from django.core.exceptions import ValidationError

# The largest value an integer column holds: a typed count or id above it is neither.
LARGEST_WHOLE = 2**31 - 1
LARGEST_RUPIAH = 2**63 - 1  # a bigint column


class Problems:
    """Gathers field errors so a caller sees all of them at once, and nothing is written."""

    def __init__(self):
        self.errors: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message, code: str) -> None:
        self.errors.setdefault(field, []).append(ValidationError(message, code=code))

    def merge(self, field: str, error: ValidationError) -> None:
        for item in error.error_list:
            self.errors.setdefault(field, []).append(item)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)


def check_model_fields(problems: Problems, model, data: dict) -> None:
    """Each value against its model field (length, e-mail, choices, decimals), so bad input
    is an error entry rather than a database exception."""
    from django.core.exceptions import FieldDoesNotExist

    for name, value in data.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.is_relation or name in problems.errors:
            continue
        if value in (None, ""):
            continue  # whether a value is required is each service's own rule
        try:
            field.clean(value, None)
        except ValidationError as error:
            problems.merge(name, error)

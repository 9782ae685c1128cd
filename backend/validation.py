"""Shared input checking for services: collect every problem, then raise them together."""

from django.core.exceptions import ValidationError


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

"""The suppliers domain's error codes, declared once. The GraphQL enum SupplierErrorCode is
made from this class."""

from enum import StrEnum


class SupplierErrorCode(StrEnum):
    NOT_DRAFT = "not_draft"
    INVALID_STATUS = "invalid_status"
    TOO_MANY = "too_many"
    BELOW_MINIMUM = "below_minimum"

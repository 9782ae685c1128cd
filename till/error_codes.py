"""The till's error codes, declared once. The GraphQL enum TillErrorCode is made from this
class (till/graphql/types.py)."""

from enum import StrEnum


class TillErrorCode(StrEnum):
    NOT_YOUR_STORE = "not_your_store"
    SHIFT_ALREADY_OPEN = "shift_already_open"
    SHIFT_CLOSED = "shift_closed"
    NOT_YOUR_SHIFT = "not_your_shift"
    REASON_REQUIRED = "reason_required"
    MANAGER_PIN_REQUIRED = "manager_pin_required"
    MANAGER_PIN_WRONG = "manager_pin_wrong"
    PAYMENT_SHORT = "payment_short"
    PAYMENT_OVER = "payment_over"
    APPROVAL_CODE_REQUIRED = "approval_code_required"
    EMPTY_SALE = "empty_sale"
    REFUND_TOO_MUCH = "refund_too_much"
    UNKNOWN_BARCODE = "unknown_barcode"

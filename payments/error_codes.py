"""Codes of the payments domain: why a payment could not be started, confirmed or refunded.
The GraphQL enum is made from this class (payments/graphql/schema.py); the values that the
card flow of orders raises too (`gateway_error`, `payment_declined`) are spelled the same."""

from enum import StrEnum


class PaymentsErrorCode(StrEnum):
    METHOD_NOT_AVAILABLE = "method_not_available"
    GATEWAY_NOT_CONFIGURED = "gateway_not_configured"
    GATEWAY_ERROR = "gateway_error"
    PAYMENT_DECLINED = "payment_declined"
    INVALID_STATE = "invalid_state"
    AMOUNT_MISMATCH = "amount_mismatch"
    REFUND_TOO_LARGE = "refund_too_large"
    INVALID_SIGNATURE = "invalid_signature"

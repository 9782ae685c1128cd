"""The savings domain's error codes, declared once. The GraphQL enum SavingsErrorCode is made
from this class (savings/graphql/types.py)."""

from enum import StrEnum


class SavingsErrorCode(StrEnum):
    NOT_WITHDRAWABLE = "not_withdrawable"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    DUPLICATE_PAYMENT = "duplicate_payment"
    MEMBER_INACTIVE = "member_inactive"
    CREDIT_NOT_ALLOWED = "credit_not_allowed"
    OVER_LIMIT = "over_limit"
    CREDIT_OVERDUE = "credit_overdue"
    OVERPAYMENT = "overpayment"
    ALREADY_DECIDED = "already_decided"

"""The orders domain's error codes, declared once, one class per area as Saleor has them:
checkout, payment (the card gateway, for checkout and refunds), order, payout. Vouchers
(Saleor's DiscountError) and delivery settings (Saleor's ShippingError) raise only the common
codes. The GraphQL enums are made from these classes (orders/graphql/types.py)."""

from enum import StrEnum


class CheckoutErrorCode(StrEnum):
    EMPTY_CHECKOUT = "empty_checkout"
    DELIVERY_UNAVAILABLE = "delivery_unavailable"
    VOUCHER_NOT_VALID = "voucher_not_valid"
    VOUCHER_NOT_APPLICABLE = "voucher_not_applicable"
    VOUCHER_MIN_SPEND = "voucher_min_spend"
    VOUCHER_USED_UP = "voucher_used_up"


class PaymentErrorCode(StrEnum):
    PAYMENT_REQUIRED = "payment_required"
    PAYMENT_AMOUNT_CHANGED = "payment_amount_changed"
    PAYMENT_DECLINED = "payment_declined"
    GATEWAY_ERROR = "gateway_error"


class OrderErrorCode(StrEnum):
    INVALID_STATUS = "invalid_status"
    NOT_PREPARED = "not_prepared"


class PayoutErrorCode(StrEnum):
    INVALID_STATUS = "invalid_status"

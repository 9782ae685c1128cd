"""The error types of the orders domain's mutations, one per area (Saleor's names where it
has the area), each made from the codes declared in orders/error_codes.py."""

from backend.accounts.error_codes import AccountErrorCode
from backend.error_codes import FileErrorCode
from backend.graphql.core.errors import error_code_enum, error_type
from inventory.error_codes import InventoryErrorCode

from .. import error_codes as codes

CheckoutErrorCode = error_code_enum("CheckoutErrorCode", codes.CheckoutErrorCode,
                                    codes.PaymentErrorCode,
                                    InventoryErrorCode.INSUFFICIENT_STOCK)
CheckoutError = error_type("CheckoutError", CheckoutErrorCode)

OrderErrorCode = error_code_enum("OrderErrorCode", codes.OrderErrorCode,
                                 codes.PaymentErrorCode, FileErrorCode,
                                 AccountErrorCode.INVALID_CODE, AccountErrorCode.CODE_EXPIRED,
                                 AccountErrorCode.TOO_MANY_TRIES)
OrderError = error_type("OrderError", OrderErrorCode)

PayoutErrorCode = error_code_enum("PayoutErrorCode", codes.PayoutErrorCode)
PayoutError = error_type("PayoutError", PayoutErrorCode)

# Vouchers and delivery settings raise only the common codes.
DiscountErrorCode = error_code_enum("DiscountErrorCode")
DiscountError = error_type("DiscountError", DiscountErrorCode)

ShippingErrorCode = error_code_enum("ShippingErrorCode")
ShippingError = error_type("ShippingError", ShippingErrorCode)

from .delivery import CourierRate, LocalDeliveryArea
from .orders import (
    Checkout,
    CheckoutLine,
    DeliveryMethod,
    LineFulfilment,
    Order,
    OrderEvent,
    OrderLine,
    OrderNumberSequence,
    OrderStatus,
    PaymentMethod,
    Voucher,
)
from .payments import PAYABLE_KIND, Payment, PaymentStatus, Refund, RefundLine, WebhookEvent
from .payouts import CategoryCommission, PayoutEntry, SellerPayout

__all__ = [
    "PAYABLE_KIND", "CategoryCommission", "Checkout", "CheckoutLine", "CourierRate",
    "DeliveryMethod",
    "LineFulfilment", "LocalDeliveryArea", "Order", "OrderEvent", "OrderLine",
    "OrderNumberSequence", "OrderStatus", "Payment", "PaymentMethod", "PaymentStatus",
    "PayoutEntry", "Refund", "RefundLine", "SellerPayout", "Voucher", "WebhookEvent",
]

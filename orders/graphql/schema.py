"""The order domain's part of the root schema: its queries and mutations, assembled."""

import graphene

from .mutations.checkout import (
    CheckoutAddPromoCode,
    CheckoutComplete,
    CheckoutContactUpdate,
    CheckoutCreate,
    CheckoutCustomerAttach,
    CheckoutDeliveryMethodUpdate,
    CheckoutLinesAdd,
    CheckoutLinesDelete,
    CheckoutLinesUpdate,
    CheckoutPaymentCreate,
    CheckoutRemovePromoCode,
    CheckoutShippingAddressUpdate,
    CheckoutVoucherAdd,
    CheckoutVoucherRemove,
)
from .mutations.delivery import (
    CourierRateCreate,
    CourierRateUpdate,
    LocalDeliveryAreaCreate,
    LocalDeliveryAreaUpdate,
)
from .mutations.orders import (
    OrderCancel,
    OrderHandOver,
    OrderLinesFulfill,
    OrderLookupOpen,
    OrderLookupRequest,
    OrderMarkAsPaid,
    OrderMarkDelivered,
    OrderPaymentProofUpload,
    OrderPaymentReject,
    OrderRefund,
)
from .mutations.payments import OrderPaymentCreate
from .mutations.payouts import CategoryCommissionSet, SellerPayoutMarkPaid, SellerPayoutsCreate
from .mutations.vouchers import VoucherCreate, VoucherDelete, VoucherUpdate
from .queries import CheckoutQueries


class CheckoutMutations(graphene.ObjectType):
    seller_payouts_create = SellerPayoutsCreate.Field()
    seller_payout_mark_paid = SellerPayoutMarkPaid.Field()
    category_commission_set = CategoryCommissionSet.Field()
    local_delivery_area_create = LocalDeliveryAreaCreate.Field()
    local_delivery_area_update = LocalDeliveryAreaUpdate.Field()
    courier_rate_create = CourierRateCreate.Field()
    courier_rate_update = CourierRateUpdate.Field()
    order_lines_fulfill = OrderLinesFulfill.Field()
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_email_update = CheckoutContactUpdate.Field()
    checkout_customer_attach = CheckoutCustomerAttach.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_add_promo_code = CheckoutAddPromoCode.Field()
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field()
    checkout_voucher_add = CheckoutVoucherAdd.Field(
        deprecation_reason="Use checkoutAddPromoCode.")
    checkout_voucher_remove = CheckoutVoucherRemove.Field(
        deprecation_reason="Use checkoutRemovePromoCode.")
    checkout_complete = CheckoutComplete.Field()
    voucher_create = VoucherCreate.Field()
    voucher_update = VoucherUpdate.Field()
    voucher_delete = VoucherDelete.Field()
    order_mark_as_paid = OrderMarkAsPaid.Field()
    order_mark_paid = OrderMarkAsPaid.Field(deprecation_reason="Use orderMarkAsPaid.")
    order_payment_proof_upload = OrderPaymentProofUpload.Field()
    order_lookup_request = OrderLookupRequest.Field()
    order_lookup_open = OrderLookupOpen.Field()
    order_payment_reject = OrderPaymentReject.Field()
    order_hand_over = OrderHandOver.Field()
    order_cancel = OrderCancel.Field()
    order_mark_delivered = OrderMarkDelivered.Field()
    order_refund = OrderRefund.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_payment_create = CheckoutPaymentCreate.Field()
    order_payment_create = OrderPaymentCreate.Field()


__all__ = ["CheckoutMutations", "CheckoutQueries"]

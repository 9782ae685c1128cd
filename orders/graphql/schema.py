"""The order domain's queries and mutations, gathered for the root schema."""

import graphene
from django.core.exceptions import ValidationError

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.errors import PermissionDenied
from backend.graphql.core.ids import find_node, required_node, visible_nodes
from backend.graphql.core.permissions import (
    authenticated_user,
    permission_required,
    require_cooperative,
)
from catalog.graphql.types import SellerNode

from ..models import Order, Voucher
from ..selectors import seller_order_lines
from .checkout import (
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
    _checkout,
)
from .delivery import DeliveryMutations, DeliveryQueries
from .orders import (
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
from .payouts import PayoutMutations, PayoutQueries
from .types import CheckoutType, OrderNode, OrderStatusEnum, SellerOrderLineNode
from .vouchers import VoucherCreate, VoucherDelete, VoucherNode, VoucherUpdate


class CheckoutQueries(DeliveryQueries, PayoutQueries, graphene.ObjectType):
    vouchers = DjangoConnectionField(VoucherNode, cooperative=graphene.String())
    checkout = graphene.Field(CheckoutType, token=graphene.UUID(required=True))
    order = graphene.Field(OrderNode, id=graphene.ID(required=True))
    orders = DjangoConnectionField(OrderNode, cooperative=graphene.String(),
                                   status=OrderStatusEnum())
    my_orders = DjangoConnectionField(
        OrderNode, cooperative=graphene.String(),
        description="Your orders, newest first, in the cooperative of the request (`cooperative`"
                    " argument, X-Cooperative header or host); all of them when it names none.")
    seller_order_lines = graphene.List(
        graphene.NonNull(SellerOrderLineNode), seller=graphene.ID(required=True),
        open_only=graphene.Boolean(required=True, default_value=True),
        description="A seller's lines to prepare (its own only).")

    @staticmethod
    @permission_required(Permission.MANAGE_ORDERS)
    def resolve_vouchers(root, info, cooperative=None, **kwargs):
        return Voucher.objects.of(require_cooperative(info, cooperative))

    @staticmethod
    def resolve_checkout(root, info, token):
        try:
            return CheckoutType.of(_checkout(info, token))
        except ValidationError:
            return None

    @staticmethod
    def resolve_order(root, info, id):
        return find_node(info, id, OrderNode)

    @staticmethod
    @permission_required(Permission.HANDLE_SALES)
    def resolve_orders(root, info, cooperative=None, status=None, **kwargs):
        queryset = Order.objects.of(require_cooperative(info, cooperative))
        return queryset if status is None else queryset.filter(status=status.value)

    @staticmethod
    def resolve_seller_order_lines(root, info, seller, open_only=True):
        from catalog.services.common import can_act_for_seller

        seller_obj = required_node(info, seller, SellerNode, field="seller")
        if not can_act_for_seller(authenticated_user(info), seller_obj):
            raise PermissionDenied()
        return seller_order_lines(seller_obj, open_only=open_only)

    @staticmethod
    def resolve_my_orders(root, info, cooperative=None, **kwargs):
        user = authenticated_user(info)
        return visible_nodes(info, OrderNode, cooperative=cooperative).filter(user=user)



class CheckoutMutations(DeliveryMutations, PayoutMutations, graphene.ObjectType):
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


__all__ = ["CheckoutMutations", "CheckoutQueries"]


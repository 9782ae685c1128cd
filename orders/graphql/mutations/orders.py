"""Orders after checkout: payment proof, marking paid, hand-over, cancel, delivery,
refund, and a seller fulfilling its lines."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.accounts.permissions import Permission
from backend.cooperatives.tenancy import cooperative_for
from backend.error_codes import CommonErrorCode
from backend.graphql.core.errors import PermissionDenied
from backend.graphql.core.ids import nodes_for, pk_from_global_id
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.permissions import (
    authenticated_user,
    check_permission,
)
from backend.graphql.core.upload import Upload
from backend.ratelimit import client_address

from ...models import OrderLine
from ...selectors import order_for_shopper
from ...services import lifecycle, lookup
from ..types import FulfilmentEnum, OrderError, OrderNode, RefundNode, SellerOrderLineNode


class _OrderMutation(ModelMutation):
    order = graphene.Field(OrderNode)
    node = OrderNode

    class Meta:
        abstract = True


class OrderPaymentProofUpload(BaseMutation):
    order = graphene.Field(OrderNode)

    class Arguments:
        id = graphene.ID(description="The order, for its signed-in shopper.")
        token = graphene.UUID(description="The checkout token the order was placed with: a "
                                          "guest's key to the order.")
        image = Upload(required=True, description="A photo of the transfer receipt.")

    class Meta:
        description = ("Send the photo of the bank transfer receipt. A guest names the order "
                       "by its checkout token; an order placed while signed in is its "
                       "shopper's alone (the storefront's rule).")
        error_type = OrderError

    @classmethod
    def perform_mutation(cls, root, info, image, id=None, token=None):
        user = info.context.user
        order = shopper_order(info, id, token)
        order = lifecycle.order_payment_proof_upload(
            order, user if user.is_authenticated else None, image)
        return cls(order=order, errors=[])


def shopper_order(info, id=None, token=None):
    """The order a shopper acts on: a guest names it by its checkout token; an order placed
    while signed in is its shopper's alone (the storefront's rule)."""
    if token is None:
        if id is None:
            raise ValidationError({"token": ValidationError(
                _("Name the order by its id or its checkout token."),
                code=CommonErrorCode.REQUIRED)})
        authenticated_user(info)
    order = order_for_shopper(cooperative_for(info.context), info.context.user, token=token,
                              pk=pk_from_global_id(id, "Order") if token is None else None)
    if order is None:
        raise PermissionDenied()
    return order


class OrderPaymentReject(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True)

    class Meta:
        description = "The transfer did not arrive: ask the shopper for another receipt."
        error_type = OrderError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id, reason):
        return cls(order=lifecycle.order_payment_reject(cls.get_object(info, id),
                                                        info.context.user, reason), errors=[])


class OrderMarkAsPaid(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Record that a cash or transfer order is paid (Saleor's name)."
        error_type = OrderError
        permission = Permission.HANDLE_SALES

    @classmethod
    def perform_mutation(cls, root, info, id):
        return cls(order=lifecycle.order_mark_paid(cls.get_object(info, id), info.context.user),
                   errors=[])


class OrderHandOver(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        pickup_code = graphene.String(required=True)

    class Meta:
        description = "The shopper collects the order with their pickup code."
        error_type = OrderError
        permission = Permission.HANDLE_SALES

    @classmethod
    def perform_mutation(cls, root, info, id, pickup_code):
        order = lifecycle.order_hand_over(cls.get_object(info, id), info.context.user,
                                          pickup_code=pickup_code)
        return cls(order=order, errors=[])


class OrderCancel(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String()

    class Meta:
        description = "Cancel an unpaid order (its shopper, or the cooperative's staff)."
        error_type = OrderError
        login_required = True

    @classmethod
    def check_permissions(cls, info, **data):
        user = authenticated_user(info)
        order = cls.get_object(info, data["id"])
        if order.user_id != user.pk:
            check_permission(info, order.cooperative, Permission.MANAGE_ORDERS)

    @classmethod
    def perform_mutation(cls, root, info, id, reason=""):
        order = lifecycle.order_cancel(cls.get_object(info, id), info.context.user, reason or "")
        return cls(order=order, errors=[])


class OrderMarkDelivered(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "A shipped order reached the shopper (cash on delivery: cash taken)."
        error_type = OrderError
        permission = Permission.HANDLE_SALES

    @classmethod
    def perform_mutation(cls, root, info, id):
        return cls(order=lifecycle.order_mark_delivered(cls.get_object(info, id),
                                                        info.context.user), errors=[])


class RefundLineInput(graphene.InputObjectType):
    line_id = graphene.ID(required=True, description="An OrderLine ID.")
    quantity = graphene.Int(required=True)


class OrderRefund(_OrderMutation):
    refund = graphene.Field(RefundNode)

    class Arguments:
        id = graphene.ID(required=True)
        lines = graphene.List(graphene.NonNull(RefundLineInput),
                              description="Leave out to refund everything still paid for.")
        reason = graphene.String(required=True)
        restock = graphene.Boolean(required=True, default_value=True,
                                   description="Returned goods go back on sale.")

    class Meta:
        description = "Give money back through the way it was paid (card: Stripe; cash and "
        "transfers: recorded, handed back by staff)."
        error_type = OrderError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id, reason, lines=None, restock=True):
        from ...services.refunds import order_refund

        quantities = None if lines is None else {
            pk_from_global_id(line["line_id"], "OrderLine", "lines"): line["quantity"]
            for line in lines}
        refund = order_refund(cls.get_object(info, id), info.context.user,
                              quantities=quantities, reason=reason, restock=restock)
        return cls(order=refund.order, refund=refund, errors=[])


class OrderLinesFulfill(BaseMutation):
    order = graphene.Field(OrderNode)

    class Arguments:
        ids = graphene.List(graphene.NonNull(graphene.ID), required=True,
                            description="SellerOrderLine IDs of one order.")
        status = FulfilmentEnum(required=True)
        tracking_number = graphene.String(description="The courier's receipt (resi), when "
                                                      "SHIPPED by courier.")

    class Meta:
        description = "Mark your lines of an order packed, ready at the store, or shipped."
        error_type = OrderError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, ids, status, tracking_number=""):
        from django.core.exceptions import PermissionDenied as Denied

        from ...services.fulfilment import order_lines_fulfill

        lines = nodes_for(info, ids, SellerOrderLineNode, field="ids",
                          queryset=OrderLine.objects.select_related("seller"))
        try:
            order = order_lines_fulfill(lines, authenticated_user(info),
                                        enum_value(status), tracking_number or "")
        except Denied:
            raise PermissionDenied() from None
        return cls(order=order, errors=[])




class OrderLookupRequest(BaseMutation):
    class Arguments:
        cooperative = graphene.String(description="Slug; defaults to the request's.")
        phone = graphene.String(required=True, description="The phone given at checkout.")
        number = graphene.String(required=True, description="The order number.")

    class Meta:
        description = ("A guest finds an order again: send a code to the phone given with it "
                       "(then orderLookupOpen). Answers the same whether or not such an "
                       "order exists.")
        error_type = OrderError

    @classmethod
    def perform_mutation(cls, root, info, phone, number, cooperative=None):
        lookup.order_lookup_request(cls.get_cooperative(info, cooperative=cooperative),
                                    phone=phone, number=number,
                                    client=client_address(info.context))
        return cls(errors=[])


class OrderLookupOpen(BaseMutation):
    order = graphene.Field(OrderNode)
    token = graphene.UUID(description="The order's checkout token: the guest's key to it "
                                      "(order(token:), orderPaymentProofUpload).")

    class Arguments:
        cooperative = graphene.String(description="Slug; defaults to the request's.")
        phone = graphene.String(required=True)
        number = graphene.String(required=True)
        code = graphene.String(required=True, description="The code from orderLookupRequest.")

    class Meta:
        description = "The guest order a right code (5 minutes, 5 tries, one use) opens."
        error_type = OrderError

    @classmethod
    def perform_mutation(cls, root, info, phone, number, code, cooperative=None):
        order = lookup.order_lookup_open(cls.get_cooperative(info, cooperative=cooperative),
                                         phone=phone, number=number, code=code,
                                         client=client_address(info.context))
        info.context.orders_opened_with_code = {order.pk}
        return cls(order=order, token=order.checkout_token, errors=[])

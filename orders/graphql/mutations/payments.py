"""Paying an order online (QRIS, a bank's virtual account, an e-wallet, the cooperative's
printed QRIS): the shopper's side. The staff side is in payments/graphql/schema.py."""

import graphene

from backend.graphql.core.inputs import enum_value
from backend.graphql.core.mutations import BaseMutation
from payments.graphql.types import PaymentAttemptNode, PaymentMethodOnlineEnum

from ...services.online_payments import order_payment_start
from ..types import OrderError, OrderNode
from .orders import shopper_order


class OrderPaymentCreate(BaseMutation):
    order = graphene.Field(OrderNode)
    payment = graphene.Field(PaymentAttemptNode)

    class Arguments:
        id = graphene.ID(description="The order, for its signed-in shopper.")
        token = graphene.UUID(description="The checkout token the order was placed with: a "
                                          "guest's key to the order.")
        method = PaymentMethodOnlineEnum(required=True)
        return_url = graphene.String(description="Where an e-wallet app sends the shopper "
                                                 "back to.")

    class Meta:
        description = ("Start paying an unpaid order placed with paymentMethod ONLINE: the "
                       "answer holds the QR to scan, the virtual account number or the link "
                       "that opens the e-wallet app (Saleor's transactionInitialize).")
        error_type = OrderError

    @classmethod
    def perform_mutation(cls, root, info, method, id=None, token=None, return_url=""):
        order = shopper_order(info, id, token)
        attempt = order_payment_start(order, enum_value(method), return_url=return_url or "")
        return cls(order=order, payment=attempt, errors=[])

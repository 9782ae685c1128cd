"""Staff mutations of payments: connect the gateway, confirm a printed-QRIS payment, give
back a held payment. A shopper starts paying an order with orderPaymentCreate (orders)."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import enum_value, input_dict
from backend.graphql.core.mutations import BaseMutation

from ... import services
from ..types import (
    FeeModeEnum,
    GatewaySettingsNode,
    PaymentAttemptNode,
    PaymentMethodOnlineEnum,
    PaymentsError,
)


class PaymentGatewaySettingsInput(graphene.InputObjectType):
    provider = graphene.String(description='"midtrans", "xendit" or "" (none).')
    is_production = graphene.Boolean()
    midtrans_client_key = graphene.String()
    midtrans_server_key = graphene.String(description="Stored encrypted, never shown again.")
    xendit_secret_key = graphene.String(description="Stored encrypted, never shown again.")
    xendit_callback_token = graphene.String(description="Stored encrypted, never shown again.")
    methods = graphene.List(graphene.NonNull(PaymentMethodOnlineEnum))
    fee_mode = FeeModeEnum()
    qris_expiry_minutes = graphene.Int()
    va_expiry_minutes = graphene.Int()
    static_qris_payload = graphene.String(description="The text of the printed QRIS.")


class PaymentGatewaySettingsUpdate(BaseMutation):
    settings = graphene.Field(GatewaySettingsNode)

    class Arguments:
        cooperative = graphene.String()
        input = PaymentGatewaySettingsInput(required=True)

    class Meta:
        description = "Connect the cooperative's Midtrans or Xendit account, its printed " \
                      "QRIS, and choose the ways shoppers may pay online."
        error_type = PaymentsError
        permission = Permission.MANAGE_COOPERATIVE

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        data = input_dict(input)
        if data.get("methods") is not None:
            data["methods"] = [enum_value(m) for m in data["methods"]]
        stored = services.gateway_settings_update(
            cls.get_cooperative(info, cooperative=cooperative), **data)
        return cls(settings=GatewaySettingsNode.of(stored), errors=[])


class _AttemptMutation(BaseMutation):
    payment = graphene.Field(PaymentAttemptNode)

    class Meta:
        abstract = True

    @classmethod
    def attempt(cls, info, id, cooperative):
        return node_for(info, id, PaymentAttemptNode,
                        cooperative=cls.get_cooperative(info, cooperative=cooperative))


class PaymentConfirm(_AttemptMutation):
    class Arguments:
        id = graphene.ID(required=True)
        cooperative = graphene.String()

    class Meta:
        description = "The money of a payment to the cooperative's printed QRIS arrived."
        error_type = PaymentsError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id, cooperative=None):
        attempt = services.payment_attempt_confirm(cls.attempt(info, id, cooperative),
                                                   info.context.user)
        return cls(payment=attempt, errors=[])


class PaymentRefund(_AttemptMutation):
    class Arguments:
        id = graphene.ID(required=True)
        cooperative = graphene.String()
        reason = graphene.String(required=True)
        amount = graphene.Int(description="Whole rupiah; everything left by default.")

    class Meta:
        description = "Give back a held payment (paid late, twice, or a different amount): " \
                      "through the gateway where it can, else recorded as a manual refund."
        error_type = PaymentsError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id, reason, cooperative=None, amount=None):
        attempt = cls.attempt(info, id, cooperative)
        services.payment_attempt_refund(attempt, info.context.user, reason=reason,
                                        amount=amount)
        attempt.refresh_from_db()
        return cls(payment=attempt, errors=[])

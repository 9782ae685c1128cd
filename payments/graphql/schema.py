"""Payments in the API: the cooperative's payments list and gateway settings for its staff,
the staff confirmation of a printed-QRIS payment, and the refund of a held payment. A
shopper starts paying an order with `orderPaymentCreate` (orders/graphql/payments.py)."""

import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import CountableConnection, DjangoConnectionField
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import enum_value, input_dict
from backend.graphql.core.money import money_field
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import permission_required, require_cooperative
from backend.graphql.core.visibility import StaffOnly

from .. import qris, selectors, services
from ..error_codes import PaymentsErrorCode
from ..models import AttemptState, FeeMode, GatewaySettings, Method, PaymentAttempt, Provider

PaymentsErrorCodeEnum = error_code_enum("PaymentErrorCode", PaymentsErrorCode)
PaymentsError = error_type("PaymentError", PaymentsErrorCodeEnum)
PaymentStateEnum = graphene.Enum("PaymentState", [(s.name, s.value) for s in AttemptState])
PaymentMethodOnlineEnum = graphene.Enum("PaymentMethodOnline",
                                        [(m.name, m.value) for m in Method])
PaymentProviderEnum = graphene.Enum("PaymentProvider", [(p.name, p.value) for p in Provider])
FeeModeEnum = graphene.Enum("PaymentFeeMode", [(f.name, f.value) for f in FeeMode])


class PaymentInstructions(graphene.ObjectType):
    """What the shopper needs to pay: a QR to scan, a virtual account number, a link that
    opens the e-wallet app or the gateway's page."""

    qr_string = graphene.String()
    qr_svg = graphene.String(description="The QR as an SVG image.")
    bank = graphene.String()
    va_number = graphene.String()
    biller_code = graphene.String(description="Mandiri bill payment: the company code.")
    deeplink_url = graphene.String()
    redirect_url = graphene.String()

    @staticmethod
    def of(stored: dict) -> "PaymentInstructions":
        fields = ("qr_string", "bank", "va_number", "biller_code", "deeplink_url",
                  "redirect_url")
        return PaymentInstructions(
            **{name: stored.get(name) for name in fields},
            qr_svg=qris.qr_svg(stored["qr_string"]) if stored.get("qr_string") else None)


class PaymentAttemptNode(StaffOnly, DjangoObjectType):
    state = graphene.Field(PaymentStateEnum, required=True)
    method = graphene.Field(PaymentMethodOnlineEnum, required=True)
    provider = graphene.Field(PaymentProviderEnum, required=True)
    amount = money_field("amount")
    fee = money_field("fee")
    paid_amount = money_field("paid_amount")
    refunded_amount = money_field("refunded_amount")
    instructions = graphene.Field(PaymentInstructions, required=True)

    class Meta:
        model = PaymentAttempt
        name = "PaymentAttempt"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "payable_kind", "payable_id", "reference", "provider_reference",
                  "expires_at", "paid_at", "held_reason", "created_at")

    @staticmethod
    def resolve_state(root, info):
        return str(root.state)

    @staticmethod
    def resolve_method(root, info):
        return str(root.method)

    @staticmethod
    def resolve_provider(root, info):
        return str(root.provider)

    @staticmethod
    def resolve_instructions(root, info):
        return PaymentInstructions.of(root.instructions or {})


class GatewaySettingsNode(graphene.ObjectType):
    class Meta:
        name = "PaymentGatewaySettings"

    provider = graphene.Field(PaymentProviderEnum)
    is_production = graphene.Boolean(required=True)
    midtrans_client_key = graphene.String(required=True)
    has_midtrans_server_key = graphene.Boolean(required=True)
    has_xendit_secret_key = graphene.Boolean(required=True)
    has_xendit_callback_token = graphene.Boolean(required=True)
    methods = graphene.List(graphene.NonNull(PaymentMethodOnlineEnum), required=True)
    fee_mode = graphene.Field(FeeModeEnum, required=True)
    qris_expiry_minutes = graphene.Int(required=True)
    va_expiry_minutes = graphene.Int(required=True)
    static_qris_payload = graphene.String(required=True)

    @staticmethod
    def of(stored: GatewaySettings) -> "GatewaySettingsNode":
        return GatewaySettingsNode(
            provider=stored.provider or None, is_production=stored.is_production,
            midtrans_client_key=stored.midtrans_client_key,
            has_midtrans_server_key=bool(stored.midtrans_server_key_encrypted),
            has_xendit_secret_key=bool(stored.xendit_secret_key_encrypted),
            has_xendit_callback_token=bool(stored.xendit_callback_token_encrypted),
            methods=list(stored.methods), fee_mode=stored.fee_mode,
            qris_expiry_minutes=stored.qris_expiry_minutes,
            va_expiry_minutes=stored.va_expiry_minutes,
            static_qris_payload=stored.static_qris_payload)


class PaymentQueries(graphene.ObjectType):
    payments = DjangoConnectionField(
        PaymentAttemptNode, cooperative=graphene.String(), state=PaymentStateEnum(),
        provider=PaymentProviderEnum(), method=PaymentMethodOnlineEnum(),
        description="The cooperative's online payments, newest first: staff who handle "
                    "orders.")
    payment_gateway_settings = graphene.Field(GatewaySettingsNode,
                                              cooperative=graphene.String())

    @staticmethod
    @permission_required(Permission.MANAGE_ORDERS)
    def resolve_payments(root, info, cooperative=None, state=None, provider=None,
                         method=None, **kwargs):
        return selectors.payment_list(require_cooperative(info, cooperative),
                                      state=enum_value(state), provider=enum_value(provider),
                                      method=enum_value(method))

    @staticmethod
    @permission_required(Permission.MANAGE_COOPERATIVE)
    def resolve_payment_gateway_settings(root, info, cooperative=None):
        return GatewaySettingsNode.of(
            selectors.gateway_settings_of(require_cooperative(info, cooperative)))


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


class PaymentMutations(graphene.ObjectType):
    payment_gateway_settings_update = PaymentGatewaySettingsUpdate.Field()
    payment_confirm = PaymentConfirm.Field()
    payment_refund = PaymentRefund.Field()

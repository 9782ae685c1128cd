"""The payments domain's GraphQL types: a payment attempt, what the shopper needs to pay
it, the gateway settings, the enums and the error type."""

import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.graphql.core.connections import CountableConnection
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.money import money_field
from backend.graphql.core.visibility import StaffOnly

from .. import qris
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

"""The providers, and the one place that picks a cooperative's."""

from ..models import GatewaySettings, Method, Provider
from .base import (  # noqa: F401  (the interface, for callers)
    BadSignature,
    Charge,
    ChargeRequest,
    ChargeStatus,
    GatewayUnavailable,
    Notice,
    PaymentProvider,
)


def provider_named(name: str, stored: GatewaySettings | None) -> PaymentProvider:
    if name == Provider.MIDTRANS:
        from .midtrans import MidtransProvider

        return MidtransProvider(stored.midtrans_server_key, stored.midtrans_client_key,
                                is_production=stored.is_production)
    if name == Provider.XENDIT:
        from .xendit import XenditProvider

        return XenditProvider(stored.xendit_secret_key, stored.xendit_callback_token)
    if name == Provider.STATIC_QRIS:
        from .static_qris import StaticQrisProvider

        return StaticQrisProvider(stored.static_qris_payload)
    if name == Provider.STRIPE:
        from .stripe import StripeProvider

        return StripeProvider()
    raise LookupError(name)


def provider_name_for(stored: GatewaySettings, method: str) -> str:
    """The cooperative's printed QRIS for `static_qris`, its gateway for the rest."""
    return Provider.STATIC_QRIS if method == Method.STATIC_QRIS else stored.provider

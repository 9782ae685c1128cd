"""Reads of the payments domain."""

from django.db.models import QuerySet

from .models import AttemptState, FeeMode, GatewaySettings, Method, PaymentAttempt, Provider
from .providers import provider_named


def gateway_settings_of(cooperative) -> GatewaySettings:
    """The cooperative's settings (unsaved defaults when it has none)."""
    try:
        return GatewaySettings.objects.get(cooperative=cooperative)
    except GatewaySettings.DoesNotExist:
        return GatewaySettings(cooperative=cooperative)


def methods_offered(cooperative) -> list[str]:
    """The methods a shopper of this cooperative may pay online with, in the settings' order
    (the gateway's only while its keys are saved; the printed QRIS only with its payload)."""
    stored = gateway_settings_of(cooperative)
    offered = []
    for method in stored.methods:
        if method == Method.STATIC_QRIS:
            if stored.static_qris_payload:
                offered.append(method)
        elif stored.provider and _has_keys(stored) and method in provider_named(
                stored.provider, stored).methods:
            offered.append(method)
    return offered


def method_fees(cooperative, amount: int) -> dict[str, int]:
    """The fee the shopper would add per offered method (empty when the cooperative absorbs
    the fees), to show before they choose."""
    stored = gateway_settings_of(cooperative)
    if stored.fee_mode != FeeMode.SHOWN or not stored.provider:
        return {}
    provider = provider_named(stored.provider, stored)
    return {method: provider.fee(method, amount) for method in methods_offered(cooperative)
            if method in provider.methods and provider.fee(method, amount)}


def _has_keys(stored: GatewaySettings) -> bool:
    if stored.provider == Provider.MIDTRANS:
        return bool(stored.midtrans_server_key_encrypted)
    if stored.provider == Provider.XENDIT:
        return bool(stored.xendit_secret_key_encrypted)
    return False


def attempts_of_payable(kind: str, payable_id: int) -> QuerySet:
    return PaymentAttempt.objects.filter(payable_kind=kind, payable_id=payable_id)


def attempt_current(kind: str, payable_id: int) -> PaymentAttempt | None:
    """The attempt a shopper is looking at: the newest one (pending, paid or held)."""
    return attempts_of_payable(kind, payable_id).order_by("-created_at", "-pk").first()


def attempt_pending_exists(kind: str, payable_id: int) -> bool:
    return attempts_of_payable(kind, payable_id).filter(state=AttemptState.PENDING).exists()


def payment_list(cooperative, *, state: str | None = None, provider: str | None = None,
                 method: str | None = None) -> QuerySet:
    rows = PaymentAttempt.objects.filter(cooperative=cooperative)
    if state:
        rows = rows.filter(state=state)
    if provider:
        rows = rows.filter(provider=provider)
    if method:
        rows = rows.filter(method=method)
    return rows.order_by("-created_at", "-pk")

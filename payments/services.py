"""Writes of the payments domain: settings, starting an attempt, applying what a gateway
says (from a notification, the reconciliation sweep, a shopper's "Cek lagi" or a staff
confirmation), expiry and refunds. A notification only makes us ask the gateway for the
charge's state now, so forged, duplicated, late and out-of-order ones change nothing; a
payment that cannot be applied (wrong amount, paid after expiry) is held for a manager."""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.permissions import Permission
from backend.error_codes import CommonErrorCode
from backend.money import format_rupiah
from backend.validation import Problems
from messaging.services import staff_notify

from . import qris
from .error_codes import PaymentsErrorCode
from .hooks import payable_handler
from .models import (
    AttemptState,
    FeeMode,
    GatewaySettings,
    HeldReason,
    Method,
    PaymentAttempt,
    PaymentEvent,
    PaymentRefund,
    Provider,
)
from .providers import (
    BadSignature,
    ChargeRequest,
    ChargeStatus,
    GatewayUnavailable,
    provider_name_for,
    provider_named,
)
from .selectors import gateway_settings_of, methods_offered

logger = logging.getLogger(__name__)
GATEWAYS = (Provider.MIDTRANS, Provider.XENDIT)


def _error(field, message, code) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _gateway_error(error: GatewayUnavailable) -> ValidationError:
    if error.declined:
        return _error("payment", _("The payment service refused this payment; choose another "
                                   "way to pay."), PaymentsErrorCode.PAYMENT_DECLINED)
    return _error("payment", _("The payment service cannot be reached; try again in a "
                               "moment."), PaymentsErrorCode.GATEWAY_ERROR)


# -- settings ---------------------------------------------------------------------------------
SECRETS = ("midtrans_server_key", "xendit_secret_key", "xendit_callback_token")


@transaction.atomic
def gateway_settings_update(cooperative, **changes) -> GatewaySettings:
    """Connect the cooperative's gateway account and choose what shoppers may use. Secrets
    given are stored encrypted (an empty string removes one); those not given stay."""
    stored, _created = GatewaySettings.objects.select_for_update().get_or_create(
        cooperative=cooperative)
    problems = Problems()
    for name in ("provider", "is_production", "midtrans_client_key", "fee_mode",
                 "qris_expiry_minutes", "va_expiry_minutes", "static_qris_payload"):
        if changes.get(name) is not None:
            setattr(stored, name, changes[name].strip() if isinstance(changes[name], str)
                    else changes[name])
    stored.set_secrets(**{name: changes[name].strip() for name in SECRETS
                          if changes.get(name) is not None})
    if stored.provider not in ("", *GATEWAYS):
        problems.add("provider", _("Choose Midtrans or Xendit."), CommonErrorCode.INVALID)
    if stored.fee_mode not in FeeMode.values:
        problems.add("fee_mode", _("Choose who pays the fee."), CommonErrorCode.INVALID)
    for name in ("qris_expiry_minutes", "va_expiry_minutes"):
        if not 5 <= getattr(stored, name) <= 7 * 24 * 60:
            problems.add(name, _("Between 5 minutes and 7 days."), CommonErrorCode.INVALID)
    if stored.static_qris_payload and not qris.is_valid(stored.static_qris_payload):
        problems.add("static_qris_payload", _("This is not a QRIS code: paste the text read "
                                              "from the printed QRIS."), CommonErrorCode.INVALID)
    if changes.get("methods") is not None:
        stored.methods = list(dict.fromkeys(changes["methods"]))
    supported = set(provider_named(stored.provider, stored).methods) if stored.provider \
        else set()
    for method in stored.methods:
        if method == Method.STATIC_QRIS:
            if not stored.static_qris_payload:
                problems.add("methods", _("Paste the printed QRIS first."),
                             PaymentsErrorCode.METHOD_NOT_AVAILABLE)
        elif method not in supported:
            problems.add("methods", _("%(method)s is not offered by this gateway.")
                         % {"method": Method(method).label if method in Method.values
                            else method}, PaymentsErrorCode.METHOD_NOT_AVAILABLE)
    problems.raise_if_any()
    stored.save()
    return stored


# -- starting a payment -----------------------------------------------------------------------
def _expiry(stored: GatewaySettings, method: str):
    minutes = stored.qris_expiry_minutes if method == Method.QRIS else stored.va_expiry_minutes
    return timezone.now() + timedelta(minutes=minutes)


@transaction.atomic
def payment_attempt_create(cooperative, *, payable_kind: str, payable_id: int, amount: int,
                           method: str, customer: dict | None = None, description: str = "",
                           return_url: str = "") -> PaymentAttempt:
    """Start paying `amount` for a payable with a method the cooperative offers. The same
    method asked again returns the attempt still open; another method replaces it."""
    if method not in methods_offered(cooperative):
        raise _error("method", _("This way to pay is not available here."),
                     PaymentsErrorCode.METHOD_NOT_AVAILABLE)
    if amount <= 0:
        raise _error("amount", _("Nothing to pay."), CommonErrorCode.INVALID)
    stored = gateway_settings_of(cooperative)
    open_ = PaymentAttempt.objects.select_for_update().filter(
        payable_kind=payable_kind, payable_id=payable_id, state=AttemptState.PENDING)
    for attempt in open_:
        if attempt.method == method and attempt.amount - attempt.fee == amount and (
                attempt.expires_at is None or attempt.expires_at > timezone.now()):
            return attempt
    if PaymentAttempt.objects.filter(payable_kind=payable_kind, payable_id=payable_id,
                                     state=AttemptState.PAID).exists():
        raise _error("payment", _("This is already paid."), PaymentsErrorCode.INVALID_STATE)
    name = provider_name_for(stored, method)
    provider = provider_named(name, stored)
    for attempt in open_:  # replaced: it can no longer be paid
        provider_named(attempt.provider, stored).cancel(attempt.reference,
                                                        attempt.provider_reference)
        attempt.state = AttemptState.CANCELLED
        attempt.save(update_fields=["state", "updated_at"])
    fee = provider.fee(method, amount) if stored.fee_mode == FeeMode.SHOWN else 0
    attempt = PaymentAttempt(
        cooperative=cooperative, payable_kind=payable_kind, payable_id=payable_id,
        provider=name, method=method, amount=amount + fee, fee=fee,
        reference=f"cm{cooperative.pk}-{payable_id}-{secrets.token_hex(5)}",
        expires_at=_expiry(stored, method))
    try:
        charge = provider.create_charge(ChargeRequest(
            attempt.reference, method, attempt.amount, attempt.expires_at, description,
            customer or {}, return_url))
    except GatewayUnavailable as error:
        logger.warning("Could not start %s %s: %s", name, method, error)
        raise _gateway_error(error) from None
    attempt.provider_reference = charge.provider_reference
    attempt.instructions = charge.instructions
    attempt.expires_at = charge.expires_at or attempt.expires_at
    attempt.save()
    return attempt


def payable_attempts_cancel(kind: str, payable_id: int) -> int:
    """The payable was cancelled: its open attempts can no longer be paid (the gateway is told,
    best effort; a payment that lands anyway is held for a manager)."""
    open_ = list(PaymentAttempt.objects.select_for_update().select_related("cooperative")
                 .filter(payable_kind=kind, payable_id=payable_id, state=AttemptState.PENDING))
    for attempt in open_:
        if attempt.provider != Provider.STATIC_QRIS:
            _provider_of(attempt).cancel(attempt.reference, attempt.provider_reference)
        attempt.state = AttemptState.CANCELLED
        attempt.save(update_fields=["state", "updated_at"])
    return len(open_)


# -- applying what the gateway says -----------------------------------------------------------
def _hold(attempt: PaymentAttempt, reason: str) -> None:
    attempt.state, attempt.held_reason = AttemptState.HELD, reason
    attempt.save(update_fields=["state", "held_reason", "paid_amount", "paid_at",
                                "confirmed_by", "updated_at"])
    logger.warning("Payment %s held: %s", attempt.reference, reason)
    staff_notify(attempt.cooperative, Permission.MANAGE_ORDERS, "manager_payment_held", {
        "amount": format_rupiah(attempt.paid_amount), "reference": attempt.reference,
        "reason": HeldReason(reason).label,
        "link": f"{settings.PUBLIC_URL}/kelola/{attempt.cooperative.slug}/pembayaran/"})


def _apply(attempt: PaymentAttempt, status: ChargeStatus, actor=None) -> PaymentAttempt:
    """Move a locked attempt by the gateway's answer. States move forward only: a late
    'expired' never undoes 'paid', and money already counted is never counted twice."""
    if status.state == AttemptState.PAID:
        if attempt.state in (AttemptState.PAID, AttemptState.HELD, AttemptState.REFUNDED):
            return attempt
        attempt.paid_amount, attempt.paid_at = status.paid_amount, timezone.now()
        attempt.confirmed_by = actor
        if attempt.state != AttemptState.PENDING:
            _hold(attempt, HeldReason.LATE)
        elif attempt.paid_amount != attempt.amount:
            _hold(attempt, HeldReason.AMOUNT_MISMATCH)
        else:
            attempt.state = AttemptState.PAID
            attempt.save(update_fields=["state", "paid_amount", "paid_at", "confirmed_by",
                                        "updated_at"])
            refused = payable_handler(attempt.payable_kind).paid(attempt)
            if refused:
                _hold(attempt, refused)
    elif status.state in (AttemptState.EXPIRED, AttemptState.CANCELLED) and \
            attempt.state == AttemptState.PENDING:
        attempt.state = status.state
        attempt.save(update_fields=["state", "updated_at"])
        payable_handler(attempt.payable_kind).expired(attempt)
    return attempt


def _locked(attempt: PaymentAttempt) -> PaymentAttempt:
    return PaymentAttempt.objects.select_for_update().select_related("cooperative").get(
        pk=attempt.pk)


def _provider_of(attempt: PaymentAttempt):
    return provider_named(attempt.provider, gateway_settings_of(attempt.cooperative))


@transaction.atomic
def payment_attempt_sync(attempt: PaymentAttempt) -> PaymentAttempt:
    """Ask the gateway about the attempt now and apply its answer (raises
    GatewayUnavailable when it cannot be asked)."""
    attempt = _locked(attempt)
    if attempt.provider == Provider.STATIC_QRIS:
        return attempt  # only staff know
    status = _provider_of(attempt).fetch_status(attempt.reference, attempt.provider_reference)
    return _apply(attempt, status)


def payment_notification_handle(cooperative, provider_name: str, body: bytes,
                                headers) -> str:
    """A gateway's notification: verified its own way (BadSignature otherwise), recorded once
    per event id, then the gateway is asked for the truth. GatewayUnavailable leaves nothing
    recorded, so the gateway's retry is applied later."""
    stored = gateway_settings_of(cooperative)
    if stored.provider != provider_name:
        raise BadSignature()
    notice = provider_named(provider_name, stored).verify_webhook(body, headers)
    attempt = PaymentAttempt.objects.filter(cooperative=cooperative, provider=provider_name,
                                            reference=notice.reference).first()
    with transaction.atomic():
        try:
            with transaction.atomic():
                PaymentEvent.objects.create(provider=provider_name, event_id=notice.event_id,
                                            cooperative=cooperative, attempt=attempt,
                                            payload=notice.payload)
        except IntegrityError:
            return "duplicate"
        if attempt is None:
            logger.info("%s notification for an unknown payment %s", provider_name,
                        notice.reference)
            return "ignored"
        payment_attempt_sync(attempt)
    return "applied"


@transaction.atomic
def payment_attempt_confirm(attempt: PaymentAttempt, actor) -> PaymentAttempt:
    """A staff member saw the money of a static QRIS payment arrive on the account."""
    attempt = _locked(attempt)
    if attempt.provider != Provider.STATIC_QRIS or attempt.state not in (
            AttemptState.PENDING, AttemptState.EXPIRED):
        raise _error("id", _("Only a QRIS payment waiting to be confirmed can be confirmed."),
                     PaymentsErrorCode.INVALID_STATE)
    return _apply(attempt, ChargeStatus(AttemptState.PAID, attempt.amount), actor=actor)


# -- expiry and reconciliation (Celery beat) --------------------------------------------------
def payment_attempts_expire(now=None) -> int:
    """Attempts past their expiry: the gateway is asked first (a payment may have landed
    just now); one that is still unpaid expires and its payable is told (an order then frees
    its units). One attempt per transaction."""
    now = now or timezone.now()
    due = list(PaymentAttempt.objects.filter(state=AttemptState.PENDING, expires_at__lt=now)
               .values_list("pk", flat=True))
    expired = 0
    for pk in due:
        try:
            with transaction.atomic():
                attempt = PaymentAttempt.objects.select_for_update().select_related(
                    "cooperative").get(pk=pk)
                if attempt.state != AttemptState.PENDING:
                    continue
                if attempt.provider != Provider.STATIC_QRIS:
                    provider = _provider_of(attempt)
                    status = provider.fetch_status(attempt.reference, attempt.provider_reference)
                    if status.state == AttemptState.PAID:
                        _apply(attempt, status)
                        continue
                    provider.cancel(attempt.reference, attempt.provider_reference)
                _apply(attempt, ChargeStatus(AttemptState.EXPIRED))
                expired += 1
        except GatewayUnavailable:
            logger.warning("Could not ask about expiring payment %s", pk)
    return expired


def payment_attempts_reconcile(older_than: timedelta | None = None, now=None) -> int:
    """Ask the gateways about attempts still pending a while after they started, so a lost
    notification never leaves a payable unpaid. Returns how many changed."""
    now = now or timezone.now()
    older_than = older_than or timedelta(minutes=settings.PAYMENT_RECONCILE_AFTER_MINUTES)
    pending = list(PaymentAttempt.objects.filter(
        state=AttemptState.PENDING, provider__in=GATEWAYS, created_at__lt=now - older_than)
        .select_related("cooperative").order_by("created_at"))
    changed = 0
    settings_of = {}
    for attempt in pending:
        stored = settings_of.setdefault(attempt.cooperative_id,
                                        gateway_settings_of(attempt.cooperative))
        try:
            status = provider_named(attempt.provider, stored).fetch_status(
                attempt.reference, attempt.provider_reference)
        except GatewayUnavailable:
            continue
        if status.state == AttemptState.PENDING:
            continue
        with transaction.atomic():
            if _apply(_locked(attempt), status).state != AttemptState.PENDING:
                changed += 1
    return changed


# -- refunds ----------------------------------------------------------------------------------
def _refund(attempt: PaymentAttempt, actor, amount: int, reason: str, key: str
            ) -> PaymentRefund:
    left = attempt.paid_amount - attempt.refunded_amount
    if not 0 < amount <= left:
        raise _error("amount", _("At most %(left)s can be given back.")
                     % {"left": format_rupiah(left)}, PaymentsErrorCode.REFUND_TOO_LARGE)
    provider = _provider_of(attempt)
    reference, manual = "", attempt.method not in provider.refundable_methods
    if not manual:
        try:
            reference = provider.refund(attempt.reference, attempt.provider_reference, amount,
                                        key=key, reason=reason)
        except GatewayUnavailable as error:
            raise _gateway_error(error) from None
    refund = PaymentRefund.objects.create(
        cooperative_id=attempt.cooperative_id, attempt=attempt, amount=amount, manual=manual,
        provider_reference=reference, reason=reason[:255],
        actor=actor if getattr(actor, "is_authenticated", False) else None)
    attempt.refunded_amount += amount
    if attempt.refunded_amount >= attempt.paid_amount:
        attempt.state = AttemptState.REFUNDED
    attempt.save(update_fields=["refunded_amount", "state", "updated_at"])
    return refund


@transaction.atomic
def payment_attempt_refund(attempt: PaymentAttempt, actor, *, reason: str,
                           amount: int | None = None) -> PaymentRefund:
    """Give back a held payment (one that paid nothing): through the gateway where it can
    (e-wallets, QRIS), recorded as a manual refund otherwise (bank transfers, printed QRIS).
    A paid order is refunded through the order (its units and books move too)."""
    attempt = _locked(attempt)
    if attempt.state != AttemptState.HELD:
        raise _error("id", _("Only a held payment is refunded here; refund a paid order "
                             "from the order."), PaymentsErrorCode.INVALID_STATE)
    if not (reason or "").strip():
        raise _error("reason", _("Say why the money goes back."), CommonErrorCode.REQUIRED)
    amount = attempt.paid_amount - attempt.refunded_amount if amount is None else amount
    return _refund(attempt, actor, amount, reason.strip(),
                   key=f"held-{attempt.pk}-{attempt.refunded_amount}")


def payable_refund(kind: str, payable_id: int, amount: int, *, reason: str, key: str,
                   actor=None) -> PaymentRefund | None:
    """Part of a payable's refund (the caller's transaction): from its paid attempt, or None
    when it was not paid online."""
    attempt = PaymentAttempt.objects.select_for_update().select_related("cooperative").filter(
        payable_kind=kind, payable_id=payable_id,
        state__in=[AttemptState.PAID, AttemptState.REFUNDED]).first()
    if attempt is None:
        return None
    return _refund(attempt, actor, amount, reason, key)


# -- cards (Stripe), for the checkout of orders -----------------------------------------------
def _stripe():
    return provider_named(Provider.STRIPE, None)


def card_charge_start(cooperative, reference: str, amount: int):
    try:
        return _stripe().create_charge(ChargeRequest(
            reference, Method.CARD, amount, None, customer={"cooperative": str(cooperative.pk)}))
    except GatewayUnavailable as error:
        raise _gateway_error(error) from None


def card_charge_status(provider_reference: str) -> ChargeStatus:
    try:
        return _stripe().fetch_status("", provider_reference)
    except GatewayUnavailable as error:
        raise _gateway_error(error) from None


def card_charge_cancel(provider_reference: str) -> None:
    _stripe().cancel("", provider_reference)


def card_refund(provider_reference: str, amount: int, *, key: str) -> str:
    try:
        return _stripe().refund("", provider_reference, amount, key=key)
    except GatewayUnavailable as error:
        raise _gateway_error(error) from None


def card_notice_verify(body: bytes, headers):
    """A Stripe event verified by its signature (BadSignature otherwise)."""
    return _stripe().verify_webhook(body, headers)

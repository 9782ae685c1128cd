"""One-time codes, the one service behind every "we send you a code": signing in without a
password, resetting a password by phone, a guest finding an order again.

A code is six digits, kept only as a keyed hash, valid ONE_TIME_CODE_TTL (5 minutes), good for
ONE_TIME_CODE_MAX_TRIES wrong tries and one use; a newer code to the same address replaces the
older. Asking is limited per address (phone or e-mail) and per client address, like every
sender of codes (backend/ratelimit.py). A row is made whether or not anyone is behind the
address (nothing is sent then, and no code can match it), so neither the answers, nor their
limits, tell who has an account. Messages go through backend.outbox (messaging/)."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend import outbox
from backend.cooperatives.models import Cooperative
from backend.error_codes import CommonErrorCode
from backend.ratelimit import Limit, rate_limit_hit, send_check

from .error_codes import AccountErrorCode
from .models import OneTimeCode, StaffMembership, User
from .phone import looks_like_email, normalize_phone


@dataclass(frozen=True)
class Recipient:
    """Where the code goes and in which words: `template` gets `cooperative`, `code`,
    `minutes` and `extra`."""

    template: str
    phone: str = ""
    email: str = ""
    language: str | None = None
    extra: dict = field(default_factory=dict)


def _hash(row_id: int, code: str) -> str:
    key = hashlib.sha256(b"one-time-code\0" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, f"{row_id}:{code}".encode(), hashlib.sha256).hexdigest()


def code_target(login: str, field_name: str = "login") -> str:
    """The address a code goes to: a lower-case e-mail or a +62 number."""
    login = (login or "").strip()
    if not login:
        raise ValidationError({field_name: ValidationError(
            _("Enter your phone number or email."), code=CommonErrorCode.REQUIRED)})
    if looks_like_email(login):
        return login.lower()
    try:
        return normalize_phone(login)
    except ValidationError as error:
        raise ValidationError({field_name: error.error_list}) from None


# Higher floors say which cooperative a person belongs to (catalog: the cooperative of their
# UMKM shop), registered at start-up: `finder(user) -> Cooperative | None`.
_cooperative_finders: list = []


def cooperative_finder_register(finder) -> None:
    if finder not in _cooperative_finders:
        _cooperative_finders.append(finder)


def sending_cooperative(cooperative: Cooperative | None, user: User | None) -> Cooperative | None:
    """Whose channels carry a message asked for outside any cooperative (the seller portal's
    and console's sign-in page, the API without one): the person's first cooperative as
    staff, else as a registered finder knows it (an UMKM seller's), else the deployment's
    cooperative when it hosts one only; None (a platform message, by e-mail only) on a
    deployment of many."""
    if cooperative is not None:
        return cooperative
    if user is not None:
        membership = (StaffMembership.objects.filter(user=user, cooperative__is_active=True)
                      .select_related("cooperative").order_by("pk").first())
        if membership is not None:
            return membership.cooperative
        for finder in _cooperative_finders:
            found = finder(user)
            if found is not None:
                return found
    only = list(Cooperative.objects.filter(is_active=True).order_by("pk")[:2])
    return only[0] if len(only) == 1 else None


def code_issue(purpose: str, target: str, *, cooperative: Cooperative | None,
               client: str, recipient: Recipient | None, user: User | None = None,
               subject: str = "", field_name: str = "login") -> OneTimeCode:
    """Make a code for `target` and send it to `recipient` (None: nobody is behind the
    address; the row is made all the same)."""
    send_check(f"code:{purpose}", f"{target}\0{subject}", client, field_name)
    now = timezone.now()
    OneTimeCode.objects.filter(purpose=purpose, target=target, subject=subject,
                               used_at__isnull=True).update(used_at=now)
    row = OneTimeCode.objects.create(purpose=purpose, target=target, subject=subject,
                                     cooperative=cooperative, user=user, code_hash="",
                                     expires_at=now + settings.ONE_TIME_CODE_TTL)
    if recipient is None:
        return row
    sender = sending_cooperative(cooperative, user)
    code = f"{secrets.randbelow(10**6):06d}"
    row.code_hash = _hash(row.pk, code)
    row.save(update_fields=["code_hash"])
    outbox.message_send(sender, recipient.template, {
        "cooperative": sender.name if sender else "coop-mart", "code": code,
        "minutes": int(settings.ONE_TIME_CODE_TTL.total_seconds() // 60), **recipient.extra},
        phone=recipient.phone, email=recipient.email, language=recipient.language)
    return row


def _refuse(message, code, field_name="code") -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code)})


def _tries_key(row: OneTimeCode) -> str:
    return f"one-time-code:tries:{row.pk}"


def _wrong_tries(row: OneTimeCode) -> int:
    return cache.get(_tries_key(row)) or 0


def _wrong_try(row: OneTimeCode) -> None:
    key = _tries_key(row)
    cache.add(key, 0, timeout=int(settings.ONE_TIME_CODE_TTL.total_seconds()) + 60)
    try:
        cache.incr(key)
    except ValueError:  # expired in between: the code has too
        pass


def code_use(purpose: str, target: str, code: str, *, client: str,
             subject: str = "") -> OneTimeCode:
    """Spend the latest code to `target`, or raise. Wrong tries are counted (in the cache,
    so a refusal's rollback keeps them) per code, and per client address per minute."""
    if rate_limit_hit("code:check:address", client,
                      Limit(settings.SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE, 60)):
        raise _refuse(_("Too many requests. Wait a few minutes and try again."),
                      CommonErrorCode.TOO_MANY_REQUESTS)
    with transaction.atomic():
        row = (OneTimeCode.objects.select_for_update()
               .filter(purpose=purpose, target=target, subject=subject).first())
        if row is None or row.used_at is not None:
            raise _refuse(_("This code is wrong or no longer valid. Ask for a new code."),
                          AccountErrorCode.INVALID_CODE)
        if _wrong_tries(row) >= settings.ONE_TIME_CODE_MAX_TRIES:
            raise _refuse(_("Too many wrong codes. Ask for a new code."),
                          AccountErrorCode.TOO_MANY_TRIES)
        if row.expires_at < timezone.now():
            raise _refuse(_("The code has expired. Ask for a new code."),
                          AccountErrorCode.CODE_EXPIRED)
        cleaned = "".join((code or "").split())
        if not (row.code_hash and hmac.compare_digest(row.code_hash, _hash(row.pk, cleaned))):
            _wrong_try(row)
            raise _refuse(_("The code is wrong. Check the message and try again."),
                          AccountErrorCode.INVALID_CODE)
        row.used_at = timezone.now()
        row.save(update_fields=["used_at"])
    return row


def codes_purge(now=None) -> int:
    """Forget codes a day past their end (beat runs it hourly); how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=1)
    deleted, _kinds = OneTimeCode.objects.filter(expires_at__lt=cutoff).delete()
    return deleted

"""Linking a shopper's account to their membership: a claim proved by a one-time code sent to
the member's phone, or a manager's hand. One account per member per cooperative."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.phone import normalize_phone
from backend.accounts.selectors import user_by_login
from backend.error_codes import CommonErrorCode
from backend.ratelimit import send_check
from members.error_codes import MemberErrorCode
from messaging.services import message_send

from ..models import Member, MembershipClaim


def _code_hash(claim_secret: str, code: str) -> str:
    key = hashlib.sha256(b"member-claim\0" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, f"{claim_secret}:{code}".encode(), hashlib.sha256).hexdigest()


def _error(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


@transaction.atomic
def membership_claim(cooperative, user, *, member_number: str, phone: str,
                     client: str = "unknown") -> MembershipClaim:
    """Start a claim. The answer and its limits are the same whether or not the number and
    phone match a member, so the register cannot be probed; only a match gets a code.
    `client` is the caller's address, limited like every sender of codes."""
    try:
        phone = normalize_phone(phone)
    except ValidationError as error:
        raise ValidationError({"phone": error.error_list}) from None
    since = timezone.now() - timedelta(hours=1)
    if MembershipClaim.objects.filter(user=user, created_at__gte=since).count() >= \
            settings.MEMBER_CLAIMS_PER_HOUR:
        raise _error("member_number", _("Too many tries. Wait an hour and try again."),
                     MemberErrorCode.TOO_MANY_TRIES)
    if Member.objects.of(cooperative).filter(user=user).exists():
        raise _error("member_number", _("Your account is already linked to a membership "
                                        "here."), MemberErrorCode.ALREADY_LINKED)
    # Counted per phone whether or not it is a member's: many accounts must not flood one
    # member's phone with codes, and a refusal must not tell that the pair is real.
    send_check("member-claim", f"{cooperative.pk}:{phone}", client, "member_number")
    member = Member.objects.of(cooperative).filter(
        member_number=member_number.strip(), phone=phone, is_active=True,
        user__isnull=True, anonymised_at__isnull=True).first()
    code = f"{secrets.randbelow(10**6):06d}"
    claim = MembershipClaim.objects.create(
        cooperative=cooperative, user=user, member=member, code_hash="",
        expires_at=timezone.now() + settings.MEMBER_CODE_TTL)
    claim.code_hash = _code_hash(str(claim.pk), code)
    claim.save(update_fields=["code_hash"])
    if member is not None:
        message_send(cooperative, "code_membership",
                     {"cooperative": cooperative.name, "code": code,
                      "minutes": int(settings.MEMBER_CODE_TTL.total_seconds() // 60)},
                     phone=member.phone, email=member.email)
    return claim


class WrongCode(Exception):
    """A wrong code: the try has been counted and must be kept, so callers report `error`
    without rolling back."""

    def __init__(self, error: ValidationError):
        super().__init__(str(error))
        self.error = error


def membership_verify(claim: MembershipClaim, user, code: str) -> Member:
    with transaction.atomic():
        claim = MembershipClaim.objects.select_for_update().get(pk=claim.pk)
        if claim.user_id != user.pk or claim.verified_at is not None:
            raise _error("id", _("This claim cannot be used."), MemberErrorCode.INVALID_CODE)
        if claim.tries >= settings.MEMBER_CODE_MAX_TRIES:
            raise _error("code", _("Too many wrong codes. Ask for a new code."),
                         MemberErrorCode.TOO_MANY_TRIES)
        if claim.expires_at < timezone.now():
            raise _error("code", _("The code has expired. Ask for a new code."),
                         MemberErrorCode.CODE_EXPIRED)
        expected = _code_hash(str(claim.pk), (code or "").strip())
        if hmac.compare_digest(claim.code_hash, expected) and claim.member_id is not None:
            claim.verified_at = timezone.now()
            claim.save(update_fields=["verified_at"])
            return _link(claim.member, user)
        claim.tries += 1
        claim.save(update_fields=["tries"])
        left = settings.MEMBER_CODE_MAX_TRIES - claim.tries
    raise WrongCode(_error("code", _("The code is wrong. %(left)s tries left.")
                           % {"left": left}, MemberErrorCode.INVALID_CODE))


def _link(member: Member, user) -> Member:
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.user_id is not None and member.user_id != user.pk:
        raise _error("id", _("This membership is linked to another account."),
                     MemberErrorCode.ALREADY_LINKED)
    member.user, member.linked_at = user, timezone.now()
    try:
        with transaction.atomic():
            member.save(update_fields=["user", "linked_at", "updated_at"])
    except IntegrityError:
        raise _error("id", _("This account is already linked to another membership here."),
                     MemberErrorCode.ALREADY_LINKED) from None
    return member


@transaction.atomic
def member_link(member: Member, login: str) -> Member:
    """A manager links a member to the account with this email or phone. The account must
    carry the phone or e-mail the register has for the member: a manager cannot attach (and
    so look into) an arbitrary account."""
    user = user_by_login(login)
    matches = user is not None and (
        (member.phone and user.phone == member.phone)
        or (member.email and user.email and user.email == member.email.lower()))
    if not matches:
        raise _error("login", _("No account with the phone or e-mail in this member's "
                                "register entry."), CommonErrorCode.NOT_FOUND)
    return _link(member, user)


@transaction.atomic
def member_unlink(member: Member) -> Member:
    """Also revokes the member card shown on the old account's phone."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    member.user, member.linked_at = None, None
    member.card_version += 1
    member.save(update_fields=["user", "linked_at", "card_version", "updated_at"])
    return member

"""The savings ledger: every movement of a member's savings is an entry, written after the
input is checked, in one transaction, with the account row locked; the account's balance
moves with it. Nothing here changes or removes an entry."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.money import format_rupiah
from backend.validation import LARGEST_RUPIAH, Problems
from members.models import Member

from ..error_codes import SavingsErrorCode
from ..models import EntryType, PaymentChannel, SavingsAccount, SavingsEntry, SavingsKind
from .common import LEFT, savings_kinds_ensure
from .mirror import savings_mirror

SIGN = {EntryType.OPENING: 1, EntryType.DEPOSIT: 1, EntryType.TRANSFER_IN: 1,
        EntryType.WITHDRAWAL: -1, EntryType.TRANSFER_OUT: -1}


def savings_kind_save(cooperative, data: dict, kind: SavingsKind | None = None) -> SavingsKind:
    """Add a kind of savings (or rename one, or say whether it may be withdrawn)."""
    problems = Problems()
    name = " ".join(str(data.get("name", kind.name if kind else "")).split())
    if not name:
        problems.add("name", _("Give the savings a name."), CommonErrorCode.REQUIRED)
    if len(name) > 100:
        problems.add("name", _("The name is too long."), CommonErrorCode.INVALID)
    code = kind.code if kind else slugify(data.get("code") or name)[:30]
    if kind is None and SavingsKind.objects.of(cooperative).filter(code=code).exists():
        problems.add("name", _("There is already a kind of savings with this name."),
                     CommonErrorCode.UNIQUE)
    problems.raise_if_any()
    savings_kinds_ensure(cooperative)
    kind = kind or SavingsKind(cooperative=cooperative, code=code)
    kind.name = name
    if "withdrawable" in data and data["withdrawable"] is not None and not kind.is_dues:
        kind.withdrawable = bool(data["withdrawable"])
    if data.get("is_active") is not None and not kind.is_builtin:
        kind.is_active = bool(data["is_active"])
    kind.save()
    return kind


@dataclass
class Movement:
    entry_type: str
    amount: int  # positive; the sign comes from the type (a correction carries its own)
    booked_on: datetime.date | None = None
    channel: str = PaymentChannel.LEDGER
    reason: str = ""
    reference: str = ""
    idempotency_key: str = ""
    settles_until: datetime.date | None = None


def _problems_of(member: Member, kind: SavingsKind, move: Movement, today) -> Problems:
    problems = Problems()
    if kind.cooperative_id != member.cooperative_id:
        problems.add("kind", _("No kind of savings with this ID."), CommonErrorCode.NOT_FOUND)
    if not isinstance(move.amount, int) or isinstance(move.amount, bool):
        problems.add("amount", _("Give a whole rupiah amount."), CommonErrorCode.INVALID)
        return problems
    if move.entry_type == EntryType.CORRECTION:
        if move.amount == 0 and move.settles_until is None:
            problems.add("amount", _("A correction changes the balance."),
                         CommonErrorCode.INVALID)
        if not move.reason.strip():
            problems.add("reason", _("Say why the balance is corrected."),
                         CommonErrorCode.REQUIRED)
    elif move.amount <= 0 and move.entry_type != EntryType.OPENING:
        problems.add("amount", _("The amount must be more than Rp0."), CommonErrorCode.INVALID)
    if abs(move.amount) > LARGEST_RUPIAH // 4:
        problems.add("amount", _("The amount is too large."), CommonErrorCode.INVALID)
    if move.booked_on and move.booked_on > today:
        problems.add("booked_on", _("The date cannot be in the future."),
                     CommonErrorCode.INVALID)
    if move.channel not in PaymentChannel.values:
        problems.add("channel", _("Choose how it was paid."), CommonErrorCode.INVALID)
    for name, limit in (("reason", 255), ("reference", 80), ("idempotency_key", 80)):
        if len(getattr(move, name)) > limit:
            problems.add(name, _("This is too long."), CommonErrorCode.INVALID)
    if move.entry_type == EntryType.WITHDRAWAL and not kind.withdrawable:
        problems.add("kind", _("%(kind)s cannot be withdrawn while a member stays a member.")
                     % {"kind": kind.name}, SavingsErrorCode.NOT_WITHDRAWABLE)
    if move.entry_type == EntryType.DEPOSIT and (member.status in LEFT or not member.is_active
                                                 or member.anonymised_at):
        problems.add("member", _("This member has left; no more savings can be paid in."),
                     SavingsErrorCode.MEMBER_INACTIVE)
    return problems


def _replayed(cooperative, key: str, member, kind, move) -> SavingsEntry | None:
    """The entry an earlier call with the same idempotency key wrote (the same movement
    sent twice: a double-clicked form, a retried request)."""
    if not key:
        return None
    entry = SavingsEntry.objects.of(cooperative).filter(idempotency_key=key).first()
    if entry is None:
        return None
    if (entry.member_id, entry.kind_id, abs(entry.amount)) != (member.pk, kind.pk,
                                                                 abs(move.amount)):
        raise ValidationError({"idempotency_key": ValidationError(
            _("This key was already used for another movement."), code=CommonErrorCode.UNIQUE)})
    return entry


def _duplicate(field: str) -> ValidationError:
    return ValidationError({field: ValidationError(
        _("This payment is already recorded."), code=SavingsErrorCode.DUPLICATE_PAYMENT)})


def savings_record(member: Member, kind: SavingsKind, move: Movement, *, actor=None,
                   mirror: bool = True) -> SavingsEntry:
    """Append one movement to the member's account of `kind`. Refused movements change
    nothing. The same idempotency key twice records once (the first entry is returned); a
    deposit with the same receipt reference twice is refused as a duplicate."""
    today = timezone.localdate()
    _problems_of(member, kind, move, today).raise_if_any()
    replay = _replayed(member.cooperative, move.idempotency_key,
                       member, kind, move)
    if replay is not None:
        return replay
    try:
        with transaction.atomic():
            entry = _append(member, kind, move, actor, today)
    except IntegrityError as error:
        # A twin request committed first: with the same key it is the same movement.
        replay = _replayed(member.cooperative, move.idempotency_key, member, kind, move)
        if replay is not None:
            return replay
        if "savings_deposit_reference_unique" in str(error):
            raise _duplicate("reference") from error
        raise
    if mirror:
        savings_mirror(member.cooperative, [member.pk])
    return entry


def _append(member, kind, move: Movement, actor, today) -> SavingsEntry:
    # Found and locked in one statement (created when missing: the unique constraint makes
    # a racing twin wait, then find it).
    account, _created = SavingsAccount.objects.select_for_update().get_or_create(
        member=member, kind=kind, defaults={"cooperative_id": member.cooperative_id})
    amount = move.amount * SIGN.get(move.entry_type, 1)
    if account.balance + amount < 0:
        raise ValidationError({"amount": ValidationError(
            _("The balance is %(balance)s; it cannot go below Rp0.")
            % {"balance": format_rupiah(account.balance)},
            code=SavingsErrorCode.INSUFFICIENT_BALANCE)})
    account.balance += amount  # the row is locked: nobody else moves it meanwhile
    updated = ["balance", "updated_at"]
    entry = SavingsEntry.objects.create(
        cooperative_id=member.cooperative_id, account=account, member=member, kind=kind,
        entry_type=move.entry_type, amount=amount,
        balance_after=account.balance,
        booked_on=move.booked_on or today, settles_until=move.settles_until,
        channel=move.channel, reason=move.reason.strip(), reference=move.reference.strip(),
        idempotency_key=move.idempotency_key, actor=actor if getattr(
            actor, "is_authenticated", False) else None)
    if move.settles_until is not None:
        account.settled_until = move.settles_until
        account.balance_at_settlement = entry.balance_after
        updated += ["settled_until", "balance_at_settlement"]
    account.save(update_fields=updated)
    return entry


def savings_deposit(member, kind, amount: int, *, actor=None, **details) -> SavingsEntry:
    return savings_record(member, kind, Movement(EntryType.DEPOSIT, amount, **details),
                          actor=actor)


def savings_withdraw(member, kind, amount: int, *, actor=None, **details) -> SavingsEntry:
    return savings_record(member, kind, Movement(EntryType.WITHDRAWAL, amount, **details),
                          actor=actor)


def savings_correct(member, kind, amount: int, *, reason: str, actor=None,
                    **details) -> SavingsEntry:
    """A signed correction with its reason: the wrong entry stays, this one puts it right."""
    return savings_record(member, kind, Movement(EntryType.CORRECTION, amount, reason=reason,
                                                 **details), actor=actor)


@transaction.atomic
def savings_transfer_on_leaving(member: Member, *, to_member: Member | None = None,
                                reason: str, actor=None) -> list[SavingsEntry]:
    """A member who left takes every balance out: paid back to them (or their heirs), or
    moved to another member's accounts. Only for a member whose status says they left."""
    problems = Problems()
    if member.status not in LEFT:
        problems.add("member", _("Only a member who has left can take their savings out."),
                     CommonErrorCode.INVALID)
    if to_member is not None and to_member.cooperative_id != member.cooperative_id:
        problems.add("to_member", _("No member with this ID."), CommonErrorCode.NOT_FOUND)
    elif to_member is not None and to_member.pk == member.pk:
        problems.add("to_member", _("Choose another member to receive the savings."),
                     CommonErrorCode.INVALID)
    if not reason.strip():
        problems.add("reason", _("Say why (paid back, to the heirs, ...)."),
                     CommonErrorCode.REQUIRED)
    problems.raise_if_any()
    entries = []
    accounts = SavingsAccount.objects.of(member.cooperative).filter(
        member=member, balance__gt=0).select_related("kind").select_for_update()
    for account in accounts:
        amount = account.balance
        entries.append(_append(member, account.kind, Movement(
            EntryType.TRANSFER_OUT, amount, reason=reason), actor, timezone.localdate()))
        if to_member is not None:
            entries.append(_append(to_member, account.kind, Movement(
                EntryType.TRANSFER_IN, amount, reason=reason,
                reference=f"from {member.member_number}"[:80]), actor, timezone.localdate()))
    savings_mirror(member.cooperative, [member.pk] + ([to_member.pk] if to_member else []))
    return entries


def ledger_mismatches(cooperative=None) -> list[tuple[SavingsAccount, int]]:
    """Accounts whose balance differs from the sum of their entries, or whose last entry's
    balance_after does not match, with the sum."""
    accounts = SavingsAccount.objects.all() if cooperative is None else \
        SavingsAccount.objects.of(cooperative)
    sums = accounts.annotate(moved=Coalesce(Sum("entries__amount"), 0)).exclude(
        balance=F("moved"))
    return [(a, a.moved) for a in sums.select_related("member", "kind")]


def balances_of(member: Member) -> dict[str, int]:
    """{kind code: balance} for every kind the cooperative has."""
    kinds = savings_kinds_ensure(member.cooperative)
    held = dict(SavingsAccount.objects.filter(member=member).values_list("kind__code",
                                                                         "balance"))
    return {code: held.get(code, 0) for code in kinds}

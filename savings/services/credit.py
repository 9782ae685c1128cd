"""Store credit (belanja kredit / bon): a manager allows a member to buy on credit up to a
limit; purchases and repayments are entries of an append-only ledger, written with the
account row locked, so two purchases racing for the last of the limit cannot both pass.

A purchase is overdue once it is older than the cooperative's credit term (30 days by
default) and not yet repaid; repayments pay the oldest purchases first. A member over their
limit or with an overdue purchase cannot buy more on credit."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.money import format_rupiah
from backend.validation import LARGEST_RUPIAH, Problems
from members.models import Member

from ..error_codes import SavingsErrorCode
from ..models import CreditAccount, CreditEntry, CreditEntryType, PaymentChannel
from .common import LEFT
from .dues import savings_settings

BUCKETS = ("current", "days_30", "days_60", "days_90")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _amount_problems(problems: Problems, amount) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        problems.add("amount", _("The amount must be more than Rp0."), CommonErrorCode.INVALID)
    elif amount > LARGEST_RUPIAH // 4:
        problems.add("amount", _("The amount is too large."), CommonErrorCode.INVALID)


@transaction.atomic
def credit_allow(member: Member, *, limit: int, employer: str | None = None,
                 allowed: bool = True, actor=None) -> CreditAccount:
    """A manager allows (or stops) buying on credit for a member, up to `limit`."""
    problems = Problems()
    if not isinstance(limit, int) or limit < 0 or limit > LARGEST_RUPIAH // 4:
        problems.add("limit", _("Give a limit of Rp0 or more."), CommonErrorCode.INVALID)
    if employer is not None and len(employer.strip()) > 120:
        problems.add("employer", _("This is too long."), CommonErrorCode.INVALID)
    if allowed and (member.status in LEFT or not member.is_active):
        problems.add("member", _("This member has left."), SavingsErrorCode.MEMBER_INACTIVE)
    problems.raise_if_any()
    account, created = CreditAccount.objects.select_for_update().get_or_create(
        member=member, defaults={"cooperative_id": member.cooperative_id, "limit": limit,
                                 "allowed": allowed, "employer": (employer or "").strip(),
                                 "allowed_by": _user(actor)})
    if not created:
        account.limit, account.allowed, account.allowed_by = limit, allowed, _user(actor)
        if employer is not None:
            account.employer = employer.strip()
        account.save()
    return account


@dataclass
class CreditStanding:
    allowed: bool
    limit: int = 0
    owed: int = 0
    available: int = 0
    overdue: int = 0  # owed on purchases older than the term
    oldest_unpaid_on: datetime.date | None = None
    buckets: dict = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))


def _unpaid_purchases(entries: list[tuple[str, int, datetime.date]]):
    """[(booked_on, unpaid)] of the purchases repayments have not yet covered, oldest
    first; `entries` are (type, amount, booked_on) in the order they were written."""
    purchases = [[on, amount] for kind, amount, on in entries if amount > 0]
    paid = -sum(amount for _kind, amount, _on in entries if amount < 0)
    for purchase in purchases:
        used = min(paid, purchase[1])
        purchase[1] -= used
        paid -= used
    return [(on, left) for on, left in purchases if left > 0]


def _bucket(age_days: int) -> str:
    return BUCKETS[min(3, max(0, age_days) // 30)]


def _standing(account: CreditAccount | None, entries, today, term_days) -> CreditStanding:
    if account is None:
        return CreditStanding(False)
    standing = CreditStanding(account.allowed, account.limit, account.balance,
                              max(0, account.limit - account.balance))
    for on, left in _unpaid_purchases(entries):
        age = (today - on).days
        standing.buckets[_bucket(age)] += left
        if age > term_days:
            standing.overdue += left
        standing.oldest_unpaid_on = standing.oldest_unpaid_on or on
    return standing


def credit_standing(member: Member, today: datetime.date | None = None) -> CreditStanding:
    account = CreditAccount.objects.filter(member=member).first()
    entries = [] if account is None else list(account.entries.order_by("pk").values_list(
        "entry_type", "amount", "booked_on"))
    return _standing(account, entries, today or timezone.localdate(),
                     savings_settings(member.cooperative).credit_term_days)


def _refusal(field_name, message, code) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code)})


def _append(account, entry_type, amount, *, channel, reference, reason, actor,
            booked_on) -> CreditEntry:
    account.balance += amount
    entry = CreditEntry.objects.create(
        cooperative_id=account.cooperative_id, account=account, member_id=account.member_id,
        entry_type=entry_type, amount=amount, balance_after=account.balance,
        booked_on=booked_on, channel=channel, reference=reference.strip()[:80],
        reason=reason.strip()[:255], actor=_user(actor))
    account.save(update_fields=["balance", "updated_at"])
    return entry


def credit_purchase(member: Member, amount: int, *, reference: str, actor=None,
                    channel: str = PaymentChannel.ONLINE,
                    today: datetime.date | None = None) -> CreditEntry:
    """Pay for an order (or a till sale) `reference` on the member's credit. Refused when
    credit is not allowed, an earlier purchase is overdue, or the limit would be passed.
    The same reference twice is refused (the order is paid once)."""
    problems = Problems()
    _amount_problems(problems, amount)
    if not reference.strip():
        problems.add("reference", _("Which order is this for?"), CommonErrorCode.REQUIRED)
    problems.raise_if_any()
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            account = CreditAccount.objects.select_for_update().filter(member=member).first()
            if account is None or not account.allowed:
                raise _refusal("member", _("This member may not buy on credit."),
                               SavingsErrorCode.CREDIT_NOT_ALLOWED)
            if CreditEntry.objects.of(member.cooperative).filter(
                    reference=reference.strip()).exists():
                raise IntegrityError("credit_entry_reference_unique")
            entries = list(account.entries.order_by("pk").values_list(
                "entry_type", "amount", "booked_on"))
            standing = _standing(account, entries, today,
                                 savings_settings(member.cooperative).credit_term_days)
            if standing.overdue:
                raise _refusal("member", _("%(amount)s on credit is overdue; pay it first.")
                               % {"amount": format_rupiah(standing.overdue)},
                               SavingsErrorCode.CREDIT_OVERDUE)
            if account.balance + amount > account.limit:
                raise _refusal("amount", _("Only %(left)s of the credit limit is left.")
                               % {"left": format_rupiah(max(0, account.limit
                                                            - account.balance))},
                               SavingsErrorCode.OVER_LIMIT)
            return _append(account, CreditEntryType.PURCHASE, amount, channel=channel,
                           reference=reference, reason="", actor=actor, booked_on=today)
    except IntegrityError as error:
        raise _refusal("reference", _("This order is already paid on credit."),
                       SavingsErrorCode.DUPLICATE_PAYMENT) from error


def credit_repay(member: Member, amount: int, *, channel: str, reference: str = "",
                 actor=None, booked_on: datetime.date | None = None) -> CreditEntry:
    """A repayment in cash, by transfer or by payroll deduction, at most what is owed."""
    problems = Problems()
    _amount_problems(problems, amount)
    if channel not in PaymentChannel.values:
        problems.add("channel", _("Choose how it was paid."), CommonErrorCode.INVALID)
    if booked_on and booked_on > timezone.localdate():
        problems.add("booked_on", _("The date cannot be in the future."),
                     CommonErrorCode.INVALID)
    problems.raise_if_any()
    try:
        with transaction.atomic():
            account = CreditAccount.objects.select_for_update().filter(member=member).first()
            if account is None or amount > account.balance:
                raise _refusal("amount", _("This is more than the %(owed)s owed.")
                               % {"owed": format_rupiah(account.balance if account else 0)},
                               SavingsErrorCode.OVERPAYMENT)
            return _append(account, CreditEntryType.REPAYMENT, -amount, channel=channel,
                           reference=reference, reason="", actor=actor,
                           booked_on=booked_on or timezone.localdate())
    except IntegrityError as error:
        raise _refusal("reference", _("This payment is already recorded."),
                       SavingsErrorCode.DUPLICATE_PAYMENT) from error


@transaction.atomic
def credit_correct(member: Member, amount: int, *, reason: str, actor=None) -> CreditEntry:
    problems = Problems()
    if not isinstance(amount, int) or amount == 0:
        problems.add("amount", _("A correction changes the balance."), CommonErrorCode.INVALID)
    if not reason.strip():
        problems.add("reason", _("Say why the balance is corrected."),
                     CommonErrorCode.REQUIRED)
    problems.raise_if_any()
    account = CreditAccount.objects.select_for_update().filter(member=member).first()
    if account is None or account.balance + amount < 0:
        raise _refusal("amount", _("The amount owed cannot go below Rp0."),
                       SavingsErrorCode.OVERPAYMENT)
    return _append(account, CreditEntryType.CORRECTION, amount, channel=PaymentChannel.LEDGER,
                   reference="", reason=reason, actor=actor, booked_on=timezone.localdate())


@dataclass
class AgeingRow:
    member_id: int
    member_number: str
    full_name: str
    employer: str
    limit: int
    owed: int
    buckets: dict


def credit_ageing(cooperative, today: datetime.date | None = None) -> list[AgeingRow]:
    """Everyone who owes, with what they owe by age: current (under 30 days), 30, 60, 90+."""
    today = today or timezone.localdate()
    accounts = {a.pk: a for a in CreditAccount.objects.of(cooperative).filter(
        balance__gt=0).select_related("member")}
    entries = defaultdict(list)
    for account_id, *row in CreditEntry.objects.filter(account__in=list(accounts)).order_by(
            "pk").values_list("account_id", "entry_type", "amount", "booked_on"):
        entries[account_id].append(row)
    rows = []
    for account in sorted(accounts.values(), key=lambda a: a.member.member_number):
        buckets = dict.fromkeys(BUCKETS, 0)
        for on, left in _unpaid_purchases(entries[account.pk]):
            buckets[_bucket((today - on).days)] += left
        rows.append(AgeingRow(account.member_id, account.member.member_number,
                              account.member.full_name, account.employer, account.limit,
                              account.balance, buckets))
    return rows


def credit_statement(member: Member, start: datetime.date, end: datetime.date) -> dict:
    """Opening balance, the entries of the period, closing balance."""
    entries = CreditEntry.objects.filter(member=member)
    opening = entries.filter(booked_on__lt=start).aggregate(s=Coalesce(Sum("amount"), 0))["s"]
    within = list(entries.filter(booked_on__gte=start, booked_on__lte=end).order_by(
        "booked_on", "pk"))
    return {"opening": opening, "entries": within,
            "closing": opening + sum(e.amount for e in within)}


def credit_ledger_mismatches(cooperative=None) -> list[tuple[CreditAccount, int]]:
    accounts = CreditAccount.objects.all() if cooperative is None else \
        CreditAccount.objects.of(cooperative)
    sums = accounts.annotate(moved=Coalesce(Sum("entries__amount"), 0)).exclude(
        balance=F("moved"))
    return [(a, a.moved) for a in sums.select_related("member")]

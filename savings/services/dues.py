"""Simpanan wajib (the dues): how much each member category pays per period, the schedule
from the day a member joined, and what is in arrears, all read from the savings ledger.

The schedule runs in calendar months from the month the member joined (a member who joins
on the 31st owes that month too), or from the month after the date the register said the
dues were paid until when the ledger was opened. Each period is due on the cooperative's
due day (the 10th by default; the 29th-31st fall on the month's last day in a short month).
Everything paid into the wajib account since then covers the periods in order, so "paid
until" is the last day of the last period fully covered. A category change charges the new
category's rate from the period after it takes effect; a rate change likewise."""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from members.models import Member

from ..models import DuesCategoryChange, DuesRate, SavingsAccount, SavingsSettings
from .common import LEFT


def month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def month_start(index: int) -> datetime.date:
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_last_day(index: int) -> datetime.date:
    year, month = index // 12, index % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _from_month(day: datetime.date) -> int:
    """The first month a change dated `day` applies to: its own month from the 1st, else
    the next one."""
    return month_index(day) + (0 if day.day == 1 else 1)


def savings_settings(cooperative) -> SavingsSettings:
    found = SavingsSettings.objects.of(cooperative).first()
    return found or SavingsSettings(cooperative=cooperative)


@dataclass(frozen=True)
class DuesStatus:
    tracked: bool
    paid_until: datetime.date | None = None
    due: int = 0  # everything due up to today since the schedule started
    paid: int = 0  # what came in toward it
    arrears: int = 0
    periods_behind: int = 0
    next_due_on: datetime.date | None = None  # the first period not fully paid
    next_amount: int = 0


@dataclass(frozen=True)
class Segment:
    start: int  # month index of the first period
    amount: int
    months: int
    count: int | None  # periods; None: on and on


class DuesBook:
    """One cooperative's rates, settings and category changes, loaded once; the schedule of
    any number of its members is then computed without another query."""

    def __init__(self, cooperative, member_pks=None):
        self.cooperative = cooperative
        self.rates: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for rate in DuesRate.objects.of(cooperative).order_by("valid_from", "pk"):
            self.rates[rate.category].append((_from_month(rate.valid_from), rate.amount,
                                              rate.period_months))
        self.changes: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        if not self.rates:  # no schedule: nothing else is needed
            self.settings = SavingsSettings(cooperative=cooperative)
            return
        self.settings = savings_settings(cooperative)
        changes = DuesCategoryChange.objects.of(cooperative)
        if member_pks is not None:
            changes = changes.filter(member_id__in=member_pks)
        for change in changes.order_by("effective_from", "pk"):
            self.changes[change.member_id].append((_from_month(change.effective_from),
                                                   change.from_category, change.to_category))

    @property
    def has_rates(self) -> bool:
        return bool(self.rates)

    def _category_at(self, member_pk: int, category: str, month: int) -> str:
        changes = self.changes.get(member_pk)
        if not changes:
            return category
        current = changes[0][1]
        for start, _from, to in changes:
            if start <= month:
                current = to
        return current

    def _rate_at(self, category: str, month: int) -> tuple[int, int] | None:
        rates = self.rates.get(category) or self.rates.get("")
        found = None
        for start, amount, months in rates or ():
            if start <= month:
                found = (amount, months)
        return found

    def segments(self, member_pk: int, category: str, start: int) -> list[Segment]:
        """The schedule from month `start` as runs of equal periods (shared by every member
        of a category who started the same month and never changed category)."""
        if member_pk in self.changes:
            return self._segments(member_pk, category, start)
        key = (category, start)
        cache = self.__dict__.setdefault("_segment_cache", {})
        if key not in cache:
            cache[key] = self._segments(member_pk, category, start)
        return cache[key]

    def _segments(self, member_pk: int, category: str, start: int) -> list[Segment]:
        cats = {c for _s, f, t in self.changes.get(member_pk, ()) for c in (f, t)} | {category}
        bounds = sorted({s for s, *_rest in self.changes.get(member_pk, ())}
                        | {s for c in (*cats, "") for s, _a, _m in self.rates.get(c, ())})
        segments, cursor = [], start
        while True:
            later = [b for b in bounds if b > cursor]
            rate = self._rate_at(self._category_at(member_pk, category, cursor), cursor)
            if rate is None:
                if not later:
                    return segments
                cursor = later[0]
                continue
            amount, months = rate
            if not later:
                segments.append(Segment(cursor, amount, months, None))
                return segments
            count = -(-(later[0] - cursor) // months)
            segments.append(Segment(cursor, amount, months, count))
            cursor += count * months

    def due_on(self, month: int, joined: datetime.date | None = None) -> datetime.date:
        last = month_last_day(month)
        day = last.replace(day=min(self.settings.dues_due_day, last.day))
        return max(day, joined) if joined and month_index(joined) == month else day

    def status(self, *, pk: int, category: str, date_joined, dues_paid_until, status: str,
               balance: int = 0, settled_until=None, balance_at_settlement: int = 0,
               today: datetime.date) -> DuesStatus:
        if status in LEFT:
            return DuesStatus(False, dues_paid_until)
        if settled_until is not None:
            start, paid = month_index(settled_until) + 1, balance - balance_at_settlement
            joined = None
        elif date_joined is not None:
            start, paid, joined = month_index(date_joined), balance, date_joined
        else:
            return DuesStatus(False, dues_paid_until)
        if not self.has_rates:
            return DuesStatus(settled_until is not None, settled_until or dues_paid_until)
        segments = self.segments(pk, category, start)
        # Periods due by today: those starting in a month whose due day has come.
        last_due = month_index(today) - (0 if today >= self.due_on(month_index(today))
                                         else 1)
        if joined and today < joined:
            last_due = start - 1
        due = behind = 0
        left = max(0, paid)
        paid_until = month_start(start) - datetime.timedelta(days=1)
        next_due_on, next_amount, covering = None, 0, True
        for seg in segments:
            if seg.start <= last_due:
                periods = (last_due - seg.start) // seg.months + 1
                if seg.count is not None:
                    periods = min(periods, seg.count)
                due += periods * seg.amount
            if covering:
                full = left // seg.amount
                if seg.count is not None and full >= seg.count:
                    left -= seg.count * seg.amount
                    paid_until = month_start(seg.start + seg.count * seg.months) - \
                        datetime.timedelta(days=1)
                    continue
                left -= full * seg.amount
                month = seg.start + full * seg.months
                if full:
                    paid_until = month_start(month) - datetime.timedelta(days=1)
                next_due_on, next_amount, covering = self.due_on(month, joined), seg.amount, \
                    False
        arrears = max(0, due - max(0, paid))
        if arrears and next_amount:
            behind = -(-arrears // next_amount)
        return DuesStatus(True, paid_until, due, max(0, paid), arrears, behind, next_due_on,
                          next_amount)


MEMBER_FIELDS = ("pk", "category", "date_joined", "dues_paid_until", "status")


def dues_statuses(cooperative, today: datetime.date | None = None, member_pks=None, *,
                  ledger_only: bool = False) -> dict[int, DuesStatus]:
    """Every member's dues (or those of `member_pks`) in a few queries. `ledger_only`: what
    the ledger alone says, without the register's own "wajib s/d" to fall back on."""
    today = today or timezone.localdate()
    book = DuesBook(cooperative, member_pks)
    members = Member.objects.of(cooperative)
    accounts = SavingsAccount.objects.of(cooperative).filter(kind__is_dues=True)
    if member_pks is not None:
        members, accounts = members.filter(pk__in=member_pks), accounts.filter(
            member_id__in=member_pks)
    held = {m: (b, s, bs) for m, b, s, bs in accounts.values_list(
        "member_id", "balance", "settled_until", "balance_at_settlement").iterator(
        chunk_size=5000)}
    result = {}
    for row in members.values_list(*MEMBER_FIELDS).iterator(chunk_size=5000):
        values = dict(zip(MEMBER_FIELDS, row, strict=True))
        if ledger_only:
            values["dues_paid_until"] = None
        balance, settled, at_settlement = held.get(row[0], (0, None, 0))
        result[row[0]] = book.status(**values, balance=balance, settled_until=settled,
                                     balance_at_settlement=at_settlement, today=today)
    return result


def dues_status(member: Member, today: datetime.date | None = None) -> DuesStatus:
    """One member's dues (the member row as loaded, its wajib account, the book)."""
    account = SavingsAccount.objects.filter(member=member, kind__is_dues=True).values_list(
        "balance", "settled_until", "balance_at_settlement").first() or (0, None, 0)
    return DuesBook(member.cooperative, [member.pk]).status(
        pk=member.pk, category=member.category, date_joined=member.date_joined,
        dues_paid_until=member.dues_paid_until, status=member.status, balance=account[0],
        settled_until=account[1], balance_at_settlement=account[2],
        today=today or timezone.localdate())


def dues_paid_until_provider(member: Member, today: datetime.date):
    """For members/hooks.py: how far the member's dues are paid, from the ledger. A member
    with neither a join date nor a paid-until date has no schedule (the register keeps
    `dues_paid_until` in step with the ledger, so a settled account always shows there):
    answered without a query, as member prices are checked on every page."""
    if member.date_joined is None and member.dues_paid_until is None:
        return None
    return dues_status(member, today).paid_until

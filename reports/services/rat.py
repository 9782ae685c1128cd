"""The RAT pack's figures for one financial year (the calendar year): membership, savings by
kind, sales, the SHU split by the statutes' percentages with every member's share to the
rupiah, and last year's figures beside them. Plain dicts: the same figures make the PDF, the
XLSX and the job's saved result."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from members.models import Member, MemberStatus, PatronageEntry
from members.services.patronage import SHARING_STATUSES, patronage_totals, split_exactly
from orders.selectors import sales_summary
from savings.models import SavingsEntry, SavingsKind

from ..error_codes import ReportErrorCode
from ..models import DEFAULT_SHU_PERCENTS, ReportSettings

POOLS = tuple(DEFAULT_SHU_PERCENTS)


def report_settings(cooperative) -> ReportSettings:
    return ReportSettings.objects.of(cooperative).first() or ReportSettings(
        cooperative=cooperative)


def shu_percents_of(cooperative) -> dict[str, Decimal]:
    stored = report_settings(cooperative).shu_percents or DEFAULT_SHU_PERCENTS
    return {k: Decimal(str(stored.get(k, 0))) for k in POOLS}


def report_settings_update(cooperative, data: dict) -> ReportSettings:
    found = report_settings(cooperative)
    if data.get("shu_percents") is not None:
        try:
            percents = {k: Decimal(str(data["shu_percents"].get(k, 0))) for k in POOLS}
        except (ArithmeticError, AttributeError, ValueError) as error:
            raise ValidationError({"shu_percents": ValidationError(
                _("Give each part as a number."), code=CommonErrorCode.INVALID)}) from error
        if any(v < 0 for v in percents.values()) or sum(percents.values()) != 100:
            raise ValidationError({"shu_percents": ValidationError(
                _("The parts of the SHU must add up to 100 percent."),
                code=ReportErrorCode.PERCENTS_NOT_100)})
        found.shu_percents = {k: str(v) for k, v in percents.items()}
    for name in ("board_members", "supervisors", "employees", "reserves", "outside_capital",
                 "rat_date"):
        if data.get(name) is not None:
            setattr(found, name, data[name])
    found.save()
    return found


def _bounds(year: int):
    zone = timezone.get_current_timezone()
    return (datetime.datetime(year, 1, 1, tzinfo=zone),
            datetime.datetime(year + 1, 1, 1, tzinfo=zone))


def membership(cooperative, year: int) -> dict:
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    start_at, end_at = _bounds(year)
    members = Member.objects.of(cooperative)
    counts = members.aggregate(
        start=Count("pk", filter=(Q(date_joined__lt=start) | Q(
            date_joined__isnull=True, created_at__lt=start_at)) & ~Q(deactivated_at__lt=start_at)),
        joined=Count("pk", filter=Q(date_joined__gte=start, date_joined__lt=end)),
        left=Count("pk", filter=Q(deactivated_at__gte=start_at, deactivated_at__lt=end_at)))
    counts["end"] = counts["start"] + counts["joined"] - counts["left"]
    counts["by_status"] = {str(MemberStatus(s).label): n for s, n in members.filter(
        is_active=True).values_list("status").annotate(n=Count("pk")).values_list(
        "status", "n")}
    return counts


def savings_by_kind(cooperative, year: int) -> list[dict]:
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    rows = {k: {"code": k, "kind": n, "start": 0, "in": 0, "out": 0}
            for k, n in SavingsKind.objects.of(cooperative).values_list("code", "name")}
    sums = SavingsEntry.objects.of(cooperative).filter(booked_on__lt=end).values(
        "kind__code").annotate(
        start=Coalesce(Sum("amount", filter=Q(booked_on__lt=start)), 0),
        into=Coalesce(Sum("amount", filter=Q(booked_on__gte=start, amount__gt=0)), 0),
        out=Coalesce(Sum("amount", filter=Q(booked_on__gte=start, amount__lt=0)), 0))
    for row in sums:
        rows[row["kind__code"]].update(start=row["start"], **{"in": row["into"]},
                                       out=-row["out"])
    result = list(rows.values())
    for row in result:
        row["end"] = row["start"] + row["in"] - row["out"]
    return result


def average_savings_weights(cooperative, year: int) -> dict[int, int]:
    """Each member's pokok + wajib, summed over the twelve month ends of the year: in
    proportion to the year's average savings (jasa modal)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    entries = SavingsEntry.objects.of(cooperative).filter(
        kind__code__in=[SavingsKind.POKOK, SavingsKind.WAJIB])
    opening = dict(entries.filter(booked_on__lt=start).values_list("member_id").annotate(
        s=Sum("amount")).values_list("member_id", "s"))
    by_month = defaultdict(lambda: [0] * 12)
    for member_id, month, amount in entries.filter(booked_on__gte=start, booked_on__lt=end) \
            .annotate(m=ExtractMonth("booked_on")).values_list("member_id", "m").annotate(
            s=Sum("amount")).values_list("member_id", "m", "s").iterator(chunk_size=10000):
        by_month[member_id][month - 1] += amount
    weights = {}
    for member_id in set(opening) | set(by_month):
        balance, total = opening.get(member_id, 0), 0
        for moved in by_month.get(member_id, [0] * 12):
            balance += moved
            total += balance
        weights[member_id] = max(0, total)
    return weights


def shu_split(cooperative, year: int, surplus: int) -> dict:
    """The statutes' pools of the surplus, and each sharing member's jasa anggota (by
    purchases, patronage ledger) and jasa modal (by average savings, savings ledger)."""
    percents = shu_percents_of(cooperative)
    by_index = split_exactly(max(0, surplus), {i: int(percents[k] * 100)
                                               for i, k in enumerate(POOLS)})
    pools = {k: by_index[i] for i, k in enumerate(POOLS)}
    sharing = dict(Member.objects.of(cooperative).filter(
        status__in=SHARING_STATUSES).values_list("pk", "member_number"))
    purchases = {m: max(0, s) for m, s in PatronageEntry.objects.of(cooperative).filter(
        fiscal_year=year, member__in=list(sharing)).values_list("member").annotate(
        s=Sum("amount")).values_list("member", "s")}
    savings = {m: w for m, w in average_savings_weights(cooperative, year).items()
               if m in sharing}
    anggota = split_exactly(pools["jasa_anggota"], purchases)
    modal = split_exactly(pools["jasa_modal"], savings)
    names = dict(Member.objects.of(cooperative).filter(
        pk__in=set(purchases) | set(savings)).values_list("pk", "full_name"))
    shares = []
    for pk in sorted(set(purchases) | set(savings), key=lambda p: sharing[p]):
        ja, jm = anggota.get(pk, 0), modal.get(pk, 0)
        shares.append({"member_number": sharing[pk], "name": names.get(pk, ""),
                       "purchases": purchases.get(pk, 0),
                       "average_savings": savings.get(pk, 0) // 12,
                       "jasa_anggota": ja, "jasa_modal": jm, "total": ja + jm})
    return {"surplus": surplus, "percents": {k: str(v) for k, v in percents.items()},
            "pools": pools, "shares": shares}


def sales(cooperative, year: int) -> dict:
    summary = sales_summary(cooperative, *_bounds(year))
    totals = patronage_totals(cooperative, year)
    summary["members"] = totals.member_purchases
    summary["non_members"] = totals.non_member_sales
    return summary


def rat_check(year, surplus) -> None:
    """A financial year that has begun, and a surplus of Rp0 or more."""
    if not isinstance(year, int) or not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": ValidationError(
            _("Choose a financial year that has begun."), code=ReportErrorCode.YEAR_OUT_OF_RANGE)})
    if not isinstance(surplus, int) or surplus < 0:
        raise ValidationError({"surplus": ValidationError(
            _("The surplus cannot be negative."), code=CommonErrorCode.INVALID)})


def rat_figures(cooperative, year: int, *, surplus: int) -> dict:
    rat_check(year, surplus)
    this = {"membership": membership(cooperative, year),
            "savings": savings_by_kind(cooperative, year), "sales": sales(cooperative, year)}
    last_savings = savings_by_kind(cooperative, year - 1)
    last_sales = sales(cooperative, year - 1)
    return {
        "cooperative": cooperative.name, "year": year, **this,
        "shu": shu_split(cooperative, year, surplus),
        "last_year": {"year": year - 1,
                      "members_end": membership(cooperative, year - 1)["end"],
                      "savings_end": sum(r["end"] for r in last_savings),
                      "sales_total": last_sales["total"],
                      "member_sales": last_sales["members"]},
    }

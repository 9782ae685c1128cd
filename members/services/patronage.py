"""The patronage ledger and the yearly SHU (sisa hasil usaha).

Orders record purchases here when completed and reverse them on cancellation or refund; a
member's share of the surplus is then
  purchases / all members' purchases x the jasa-anggota pool
+ savings / all members' savings x the jasa-modal pool.
Shares are whole rupiah and add up exactly to each pool (largest remainder)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems

from ..models import Member, MemberStatus, PatronageEntry, ShuCalculation, ShuShare

SHARING_STATUSES = (MemberStatus.ANGGOTA, MemberStatus.ANGGOTA_LUAR_BIASA)


def patronage_record(cooperative, *, reference: str, amount: int, member: Member | None,
                     when=None) -> PatronageEntry | None:
    """Record a completed purchase (positive) or a reversal (negative). The same reference
    twice records once, so a retried task does no harm."""
    when = when or timezone.now()
    try:
        with transaction.atomic():
            return PatronageEntry.objects.create(
                cooperative=cooperative, member=member, amount=amount, reference=reference,
                fiscal_year=timezone.localtime(when).year)
    except IntegrityError:
        return None


@dataclass
class PatronageTotals:
    member_purchases: int
    non_member_sales: int
    members_with_purchases: int


def patronage_totals(cooperative, year: int) -> PatronageTotals:
    entries = PatronageEntry.objects.of(cooperative).filter(fiscal_year=year)
    members = entries.filter(member__isnull=False)
    return PatronageTotals(
        member_purchases=members.aggregate(s=Sum("amount"))["s"] or 0,
        non_member_sales=entries.filter(member__isnull=True).aggregate(s=Sum("amount"))["s"]
        or 0,
        members_with_purchases=members.values("member").annotate(s=Sum("amount")).filter(
            s__gt=0).count())


def split_exactly(pool: int, weights: dict[int, int]) -> dict[int, int]:
    """Whole-rupiah shares of `pool` in proportion to `weights`, adding up to `pool`."""
    total = sum(weights.values())
    if total <= 0 or pool <= 0:
        return dict.fromkeys(weights, 0)
    exact = {k: Decimal(pool) * w / total for k, w in weights.items()}
    shares = {k: int(v) for k, v in exact.items()}
    left = pool - sum(shares.values())
    for key in sorted(exact, key=lambda k: (exact[k] - shares[k], -k), reverse=True)[:left]:
        shares[key] += 1
    return shares


SPLIT_FIELDS = ("reserve", "jasa_anggota", "jasa_modal", "other")


@transaction.atomic
def shu_calculate(cooperative, actor, *, year: int, surplus: int, percents: dict,
                  include_voluntary_savings: bool = False) -> ShuCalculation:
    problems = Problems()
    if surplus < 0:
        problems.add("surplus", _("The surplus cannot be negative."), CommonErrorCode.INVALID)
    values = {k: Decimal(str(percents.get(k, 0))) for k in SPLIT_FIELDS}
    if any(v < 0 for v in values.values()) or sum(values.values()) != 100:
        problems.add("percents", _("The parts of the split must add up to 100 percent."),
                     CommonErrorCode.INVALID)
    problems.raise_if_any()
    by_index = split_exactly(surplus, {i: int(values[k] * 100)
                                        for i, k in enumerate(SPLIT_FIELDS)})
    pools = {k: by_index[i] for i, k in enumerate(SPLIT_FIELDS)}

    purchases = dict(PatronageEntry.objects.of(cooperative).filter(
        fiscal_year=year, member__isnull=False).values_list("member").annotate(s=Sum("amount"))
        .values_list("member", "s"))
    members = Member.objects.of(cooperative).filter(status__in=SHARING_STATUSES).filter(
        Q(pk__in=purchases) | Q(savings_pokok__gt=0) | Q(savings_wajib__gt=0)
        | Q(savings_sukarela__gt=0))
    savings = {m.pk: m.savings_pokok + m.savings_wajib + (
        m.savings_sukarela if include_voluntary_savings else 0) for m in members}
    member_purchases = {pk: max(0, purchases.get(pk, 0)) for pk in savings}
    anggota = split_exactly(pools["jasa_anggota"], member_purchases)
    modal = split_exactly(pools["jasa_modal"], savings)
    calculation = ShuCalculation.objects.create(
        cooperative=cooperative, fiscal_year=year, surplus=surplus, created_by=actor,
        split={"percents": {k: str(v) for k, v in values.items()}, "pools": pools,
               "include_voluntary_savings": include_voluntary_savings},
        member_purchases=sum(member_purchases.values()), member_savings=sum(savings.values()))
    ShuShare.objects.bulk_create([
        ShuShare(cooperative=cooperative, calculation=calculation, member_id=pk,
                 purchases=member_purchases[pk], savings=savings[pk], jasa_anggota=anggota[pk],
                 jasa_modal=modal[pk], total=anggota[pk] + modal[pk]) for pk in savings],
        batch_size=2000)
    return calculation


def shu_export(calculation: ShuCalculation, file_format: str = "csv") -> tuple[str, str, bytes]:
    from backend.spreadsheets import write_csv, write_xlsx

    headers = ["No. Anggota", "Nama", "Belanja", "Simpanan", "Jasa Anggota", "Jasa Modal",
               "SHU"]
    rows = [{"No. Anggota": s.member.member_number, "Nama": s.member.full_name,
             "Belanja": s.purchases, "Simpanan": s.savings, "Jasa Anggota": s.jasa_anggota,
             "Jasa Modal": s.jasa_modal, "SHU": s.total}
            for s in calculation.shares.select_related("member")]
    name = f"shu-{calculation.cooperative.slug}-{calculation.fiscal_year}"
    if file_format == "xlsx":
        return (f"{name}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                write_xlsx(headers, rows, "SHU"))
    return f"{name}.csv", "text/csv", write_csv(headers, rows)



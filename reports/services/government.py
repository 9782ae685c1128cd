"""The yearly figures the Ministry of Cooperatives' data systems and the cooperative council
ask for, in one documented shape (README: "Government report"), as JSON, CSV or XLSX; and
the platform operator's view across cooperatives, aggregates only, no personal data."""

import json

from django.db.models import Count, Q, Sum

from backend.cooperatives.models import Cooperative
from backend.crypto import decrypt
from backend.spreadsheets import write_csv, write_xlsx
from members.models import Member, MemberStatus
from members.services.patronage import patronage_totals
from savings.models import SavingsAccount, SavingsKind

from .rat import membership, report_settings, sales, savings_by_kind

SCHEMA = "coop-mart/government-report/1"
MEMBER_STATUSES = (MemberStatus.ANGGOTA, MemberStatus.ANGGOTA_LUAR_BIASA)


def _sex_of(nik: str) -> str:
    """A NIK's 7th-8th digits are the day of birth, plus 40 for a woman."""
    if len(nik) == 16 and nik.isdigit():
        return "female" if int(nik[6:8]) > 40 else "male"
    return "unknown"


def members_by_sex(cooperative) -> dict:
    counts = {"male": 0, "female": 0, "unknown": 0}
    for token in Member.objects.of(cooperative).filter(
            is_active=True, status__in=MEMBER_STATUSES).values_list("nik_encrypted", flat=True):
        counts[_sex_of(decrypt(token)) if token else "unknown"] += 1
    return counts


def government_report(cooperative, year: int, *, surplus: int) -> dict:
    settings = report_settings(cooperative)
    savings = {r["code"]: r["end"] for r in savings_by_kind(cooperative, year)}
    own = {"savings_pokok": savings.get(SavingsKind.POKOK, 0),
           "savings_wajib": savings.get(SavingsKind.WAJIB, 0), "reserves": settings.reserves}
    own["total"] = sum(own.values())
    by_sex = members_by_sex(cooperative)
    return {
        "schema": SCHEMA, "year": year,
        "cooperative": {"name": cooperative.name, "legal_name": cooperative.legal_name,
                        "legal_entity_number": cooperative.legal_entity_number,
                        "type": cooperative.cooperative_type},
        "members": {"total": sum(by_sex.values()), **by_sex,
                    "end_of_year": membership(cooperative, year)["end"]},
        "board_members": settings.board_members, "supervisors": settings.supervisors,
        "employees": settings.employees, "own_capital": own,
        "outside_capital": settings.outside_capital,
        "turnover": sales(cooperative, year)["total"], "shu": surplus,
        "rat_date": settings.rat_date.isoformat() if settings.rat_date else None,
    }


def _flat(report: dict) -> list[tuple[str, object]]:
    rows = []
    for key, value in report.items():
        if isinstance(value, dict):
            rows += [(f"{key}.{k}", v) for k, v in value.items()]
        else:
            rows.append((key, value))
    return rows


def government_export(report: dict, file_format: str) -> tuple[str, str, bytes]:
    name = f"laporan-kemenkop-{report['year']}"
    if file_format == "json":
        return f"{name}.json", "application/json", json.dumps(report, indent=1).encode()
    rows = [{"Isian": k, "Nilai": "" if v is None else v} for k, v in _flat(report)]
    if file_format == "xlsx":
        return (f"{name}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                write_xlsx(["Isian", "Nilai"], rows, "Laporan"))
    return f"{name}.csv", "text/csv", write_csv(["Isian", "Nilai"], rows)


def operator_overview(year: int) -> list[dict]:
    """Each cooperative of the deployment: counts and sums only."""
    members = dict(Member.objects.filter(is_active=True, status__in=MEMBER_STATUSES).values_list(
        "cooperative").annotate(n=Count("pk")).values_list("cooperative", "n"))
    savings = dict(SavingsAccount.objects.values_list("cooperative").annotate(
        s=Sum("balance", filter=Q(balance__gt=0))).values_list("cooperative", "s"))
    rows = []
    for cooperative in Cooperative.objects.filter(is_active=True).order_by("name"):
        totals = patronage_totals(cooperative, year)
        rows.append({"cooperative": cooperative.name, "slug": cooperative.slug,
                     "members": members.get(cooperative.pk, 0),
                     "savings": savings.get(cooperative.pk) or 0,
                     "member_sales": totals.member_purchases,
                     "non_member_sales": totals.non_member_sales})
    return rows

"""Payroll deduction (potong gaji): the cooperative sends each employer a list of what to
deduct from its members' pay this month, and imports the list back, as paid, once the
employer has deducted it. The import checks every row first and applies only a file with no
problem, in one transaction; importing the same month twice is refused row by row."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.money import format_rupiah, parse_rupiah
from backend.row_errors import RowError
from backend.spreadsheets import Table, write_xlsx

from ..models import CreditAccount, CreditEntry, CreditEntryType, PaymentChannel
from .credit import _append

HEADERS = ["No. Anggota", "Nama", "Pemberi Kerja", "Bulan", "Jumlah Potongan"]
COLUMNS = {"member_number": ("no. anggota", "no anggota", "nomor anggota", "member number"),
           "full_name": ("nama", "name"),
           "employer": ("pemberi kerja", "instansi", "employer"),
           "month": ("bulan", "month"),
           "amount": ("jumlah potongan", "potongan", "dipotong", "jumlah", "amount")}
MAX_ROWS = 20_000


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text or ""):
        raise ValidationError({"month": ValidationError(_("Give the month as YYYY-MM."),
                                                        code=CommonErrorCode.INVALID)})
    return text


def _reference(month: str, member_number: str) -> str:
    return f"potong-gaji:{month}:{member_number}"[:80]


def payroll_export(cooperative, *, employer: str, month: str) -> tuple[str, bytes]:
    """The deduction list of one employer for one month (YYYY-MM): every member working
    there who owes store credit, with what they owe. XLSX, values only."""
    _month(month)
    accounts = CreditAccount.objects.of(cooperative).filter(
        employer__iexact=employer.strip(), balance__gt=0).select_related("member").order_by(
        "member__member_number")
    rows = [{"No. Anggota": a.member.member_number, "Nama": a.member.full_name,
             "Pemberi Kerja": a.employer, "Bulan": month, "Jumlah Potongan": a.balance}
            for a in accounts]
    slug = re.sub(r"[^a-z0-9]+", "-", employer.lower()).strip("-") or "pemberi-kerja"
    return f"potong-gaji-{slug}-{month}.xlsx", write_xlsx(HEADERS, rows, "Potong gaji")


@dataclass
class PayrollReport:
    rows: int = 0
    total: int = 0
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False


def payroll_import(cooperative, content: bytes, filename: str, *, actor=None,
                   booked_on: datetime.date | None = None) -> PayrollReport:
    """Record the deducted amounts as repayments; all rows or none."""
    table = Table(content, filename, COLUMNS, ("member_number", "month", "amount"),
                  max_rows=MAX_ROWS)
    report = PayrollReport()
    wanted: list[tuple[int, str, str, int]] = []
    seen: dict[str, int] = {}
    for number, values in table:
        report.rows += 1
        member_number = values.get("member_number", "").strip()
        month = values.get("month", "").strip()
        try:
            _month(month)
        except ValidationError as error:
            report.errors += RowError.all_of(number, error)
        try:
            amount = parse_rupiah(values.get("amount", ""))
            if amount <= 0:
                raise ValueError
        except ValueError:
            report.errors.append(RowError(number, "amount", _(
                "%(value)s is not an amount in rupiah.") % {"value": values.get("amount")}))
            continue
        if member_number in seen:
            report.errors.append(RowError(number, "member_number", _(
                "Member number %(n)s is also in row %(row)s.")
                % {"n": member_number, "row": seen[member_number]}))
            continue
        seen[member_number] = number
        wanted.append((number, member_number, month, amount))
    with transaction.atomic():
        accounts = {a.member.member_number: a for a in CreditAccount.objects.of(cooperative)
                    .filter(member__member_number__in=list(seen)).select_related("member")
                    .select_for_update(of=("self",))}
        done = set(CreditEntry.objects.of(cooperative).filter(
            reference__in=[_reference(m, n) for _r, n, m, _a in wanted]).values_list(
            "reference", flat=True))
        for number, member_number, month, amount in wanted:
            account = accounts.get(member_number)
            if account is None:
                report.errors.append(RowError(number, "member_number", _(
                    "No member %(n)s buying on credit.") % {"n": member_number}))
            elif _reference(month, member_number) in done:
                report.errors.append(RowError(number, "member_number", _(
                    "The deduction of %(month)s for %(n)s is already recorded.")
                    % {"month": month, "n": member_number}))
            elif amount > account.balance:
                report.errors.append(RowError(number, "amount", _(
                    "More than the %(owed)s owed.") % {"owed": format_rupiah(account.balance)}))
        report.errors.sort(key=lambda e: e.row)
        if report.errors:
            return report
        for _number, member_number, month, amount in wanted:
            _append(accounts[member_number], CreditEntryType.REPAYMENT, -amount,
                    channel=PaymentChannel.PAYROLL, reference=_reference(month, member_number),
                    reason=_("Payroll deduction %(month)s") % {"month": month}, actor=actor,
                    booked_on=booked_on or timezone.localdate())
            report.total += amount
        report.applied = True
    return report

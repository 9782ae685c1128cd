"""Drawing the member register in: from a spreadsheet, the cooperative's own system, or a
scheduled pull. All three go through `register_import`: every row is checked first, and
only a file with no problem is applied, in one transaction."""

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.phone import normalize_phone
from backend.crypto import encrypt, lookup_hash
from backend.money import parse_rupiah
from backend.row_errors import RowError
from backend.spreadsheets import Table

from ..hooks import register_applied
from ..models import ImportSource, Member, MemberImport, MemberStatus

MAX_ROWS = 200_000
ERRORS_KEPT = 500
BATCH = 2000

COLUMNS = {
    "member_number": ("no. anggota", "no anggota", "nomor anggota", "no_anggota", "nomor",
                      "member number", "member_number"),
    "full_name": ("nama", "nama lengkap", "nama anggota", "name", "full name", "full_name"),
    "nik": ("nik", "no. ktp", "no ktp", "nomor ktp", "ktp"),
    "phone": ("no. hp", "no hp", "nomor hp", "hp", "no. telp", "no telp", "telepon", "whatsapp",
              "no. wa", "wa", "phone"),
    "email": ("email", "e-mail", "surel"),
    "address": ("alamat", "address"),
    "date_joined": ("tanggal masuk", "tgl masuk", "tanggal bergabung", "tgl. masuk",
                    "date joined", "date_joined"),
    "status": ("status", "status keanggotaan", "status anggota"),
    "category": ("kategori", "jenis anggota", "kategori anggota", "category"),
    "dues_paid_until": ("wajib s/d", "simpanan wajib s/d", "lunas s/d", "wajib lunas s/d",
                        "iuran s/d", "dues paid until", "dues_paid_until"),
    "savings_pokok": ("simpanan pokok", "pokok", "savings_pokok"),
    "savings_wajib": ("simpanan wajib", "wajib", "savings_wajib"),
    "savings_sukarela": ("simpanan sukarela", "sukarela", "savings_sukarela"),
}
REQUIRED = ("member_number", "full_name")
STATUS_WORDS = {
    "anggota": MemberStatus.ANGGOTA, "anggota biasa": MemberStatus.ANGGOTA,
    "aktif": MemberStatus.ANGGOTA, "member": MemberStatus.ANGGOTA,
    "calon anggota": MemberStatus.CALON_ANGGOTA, "calon": MemberStatus.CALON_ANGGOTA,
    "prospective": MemberStatus.CALON_ANGGOTA,
    "anggota luar biasa": MemberStatus.ANGGOTA_LUAR_BIASA,
    "luar biasa": MemberStatus.ANGGOTA_LUAR_BIASA, "alb": MemberStatus.ANGGOTA_LUAR_BIASA,
    "keluar": MemberStatus.KELUAR, "mengundurkan diri": MemberStatus.KELUAR,
    "left": MemberStatus.KELUAR,
    "diberhentikan": MemberStatus.DIBERHENTIKAN, "dikeluarkan": MemberStatus.DIBERHENTIKAN,
    "dismissed": MemberStatus.DIBERHENTIKAN,
    "meninggal": MemberStatus.MENINGGAL, "meninggal dunia": MemberStatus.MENINGGAL,
    "wafat": MemberStatus.MENINGGAL, "almarhum": MemberStatus.MENINGGAL,
    "deceased": MemberStatus.MENINGGAL,
    **{s.value: s.value for s in MemberStatus},
}
MONTHS = {name: n for n, names in enumerate([
    (), ("jan", "januari", "january"), ("feb", "februari", "february"),
    ("mar", "maret", "march"), ("apr", "april"), ("mei", "may"), ("jun", "juni", "june"),
    ("jul", "juli", "july"), ("agu", "agt", "agustus", "aug", "august"),
    ("sep", "september"), ("okt", "oktober", "oct", "october"),
    ("nov", "november"), ("des", "desember", "dec", "december")]) for name in names}
# What is compared and stored for each member (beside the NIK).
FIELDS = ("full_name", "nik_hash", "phone", "email", "address", "date_joined", "status",
          "category", "dues_paid_until", "savings_pokok", "savings_wajib", "savings_sukarela")


@dataclass
class RegisterReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    deactivated: list[str] = field(default_factory=list)
    applied: bool = False
    record: MemberImport | None = None


# -- cleaning one row -------------------------------------------------------------------------
def _date(text: str) -> datetime.date:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _month_end(text: str) -> datetime.date:
    """'2026-10', '10/2026', 'Okt 2026', or a full date: paid through the end of that month."""
    text = text.strip().lower()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text) or None
    if match:
        year, month = int(match[1]), int(match[2])
    elif match := re.fullmatch(r"(\d{1,2})[/-](\d{4})", text):
        year, month = int(match[2]), int(match[1])
    elif match := re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", text):
        if match[1] not in MONTHS:
            raise ValueError(text)
        year, month = int(match[2]), MONTHS[match[1]]
    else:
        return _date(text)
    if not 1 <= month <= 12:
        raise ValueError(text)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def clean_row(values: dict) -> tuple[dict, str, list[tuple[str, str]]]:
    """(member fields, NIK, [(field, problem)]) for one row of the register."""
    problems: list[tuple[str, str]] = []
    data: dict = {}
    number = values.get("member_number", "").strip()
    if not number:
        problems.append(("member_number", _("The member number is empty.")))
    data["member_number"] = number
    data["full_name"] = " ".join(values.get("full_name", "").split())
    if not data["full_name"]:
        problems.append(("full_name", _("The name is empty.")))
    nik = re.sub(r"[\s.\-]", "", values.get("nik", ""))
    if nik and not (nik.isdigit() and len(nik) == 16):
        problems.append(("nik", _("A NIK has 16 digits; this one has %(n)s characters.")
                         % {"n": len(nik)}))
    data["nik_hash"] = lookup_hash(nik)
    phone = values.get("phone", "")
    data["phone"] = ""
    if phone:
        try:
            data["phone"] = normalize_phone(phone)
        except ValidationError:
            problems.append(("phone", _("%(value)s is not a valid phone number.")
                             % {"value": phone}))
    data["email"] = values.get("email", "").strip().lower()
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            problems.append(("email", _("%(value)s is not a valid email address.")
                             % {"value": data["email"]}))
    data["address"] = values.get("address", "").strip()
    status_text = " ".join(values.get("status", "").lower().split())
    data["status"] = STATUS_WORDS.get(status_text or "anggota")
    if data["status"] is None:
        problems.append(("status", _("Unknown status %(value)s; use anggota, calon anggota, "
                                     "anggota luar biasa, keluar, diberhentikan or "
                                     "meninggal.") % {"value": values.get("status")}))
    data["category"] = values.get("category", "").strip()[:40]
    for column, parse in (("date_joined", _date), ("dues_paid_until", _month_end)):
        data[column] = None
        if values.get(column):
            try:
                data[column] = parse(values[column])
            except ValueError:
                problems.append((column, _("%(value)s is not a date.")
                                 % {"value": values[column]}))
    for column in ("savings_pokok", "savings_wajib", "savings_sukarela"):
        data[column] = 0
        if values.get(column):
            try:
                data[column] = parse_rupiah(values[column])
            except ValueError:
                problems.append((column, _("%(value)s is not an amount in rupiah.")
                                 % {"value": values[column]}))
    if len(number) > 40 or len(data["full_name"]) > 150 or len(data["email"]) > 254:
        problems.append(("member_number", _("A value is too long.")))
    return data, nik, problems


# -- the import ---------------------------------------------------------------------------------
def rows_from_file(content: bytes, filename: str, mapping: dict | None = None):
    return Table(content, filename, COLUMNS, REQUIRED, mapping=mapping, max_rows=MAX_ROWS)


def register_import(cooperative, rows: Iterable[tuple[int, dict]], *, actor=None,
                    source: str = ImportSource.UPLOAD, filename: str = "",
                    dry_run: bool = True, full_sync: bool = False) -> RegisterReport:
    """Check every row against the register; apply only when no row has a problem.
    Imports of one cooperative take turns (an upload and a scheduled sync, say), so each
    compares against a register nobody else is changing."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)",
                           [REGISTER_LOCK, cooperative.pk])
        return _register_import(cooperative, rows, actor=actor, source=source,
                                filename=filename, dry_run=dry_run, full_sync=full_sync)


REGISTER_LOCK = 4201  # advisory lock class for register imports


def _register_import(cooperative, rows, *, actor, source, filename, dry_run,
                     full_sync) -> RegisterReport:
    report = RegisterReport()
    # Records are kept as tuples in FIELDS order: a 100,000-row register fits in little memory.
    incoming: dict[str, tuple[tuple, str]] = {}
    first_row: dict[str, int] = {}
    for number, values in rows:
        report.rows += 1
        data, nik, problems = clean_row(values)
        key = data["member_number"]
        if key and key in first_row:
            problems.append(("member_number", _("Member number %(n)s is also in row %(row)s.")
                             % {"n": key, "row": first_row[key]}))
        first_row.setdefault(key, number)
        for column, message in problems:
            report.errors.append(RowError(number, column, message))
        if not problems:
            incoming[key] = (tuple(data[f] for f in FIELDS), nik)
    del first_row
    nik_hash_at = FIELDS.index("nik_hash")
    # Only a fingerprint of each known record is kept, to tell changed from unchanged.
    existing = {row[0]: (row[1], row[2], row[3 + nik_hash_at], hash(row[3:]))
                for row in Member.objects.of(cooperative).filter(
                    anonymised_at__isnull=True).values_list(
                    "member_number", "pk", "is_active", *FIELDS).iterator(chunk_size=5000)}
    # A member erased on their own request is never filled in again by an import.
    erased = set(Member.objects.of(cooperative).filter(
        anonymised_at__isnull=False).values_list("member_number", flat=True))
    to_create, to_update = [], []
    for key, (record, nik) in incoming.items():
        if key in erased:
            report.unchanged += 1
            continue
        current = existing.get(key)
        if current is None:
            to_create.append((key, record, nik))
            report.created.append(key)
            continue
        pk, active, known_nik_hash, fingerprint = current
        if not nik:  # an empty NIK cell keeps the known one
            record = record[:nik_hash_at] + (known_nik_hash,) + record[nik_hash_at + 1:]
        if hash(record) != fingerprint or not active:
            to_update.append((pk, record, nik))
            report.changed.append(key)
        else:
            report.unchanged += 1
    if full_sync:
        report.deactivated = sorted(k for k, row in existing.items()
                                    if row[1] and k not in incoming)
    del existing, incoming
    if not dry_run and not report.errors:
        with transaction.atomic():
            _apply(cooperative, to_create, to_update, report.deactivated)
            register_applied(cooperative, report.created + report.changed, actor)
        report.applied = True
    report.record = MemberImport.objects.create(
        cooperative=cooperative, source=source, actor=actor if getattr(
            actor, "is_authenticated", False) else None, filename=filename[:255],
        dry_run=dry_run, full_sync=full_sync, applied=report.applied, rows=report.rows,
        created=len(report.created), updated=len(report.changed), unchanged=report.unchanged,
        deactivated=len(report.deactivated), error_count=len(report.errors),
        errors=[e.as_dict() for e in report.errors[:ERRORS_KEPT]])
    return report


def _batches(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _apply(cooperative, to_create, to_update, deactivate: list[str]) -> None:
    # Model instances are built a batch at a time: memory stays flat whatever the size.
    now = timezone.now()
    for batch in _batches(to_create):
        Member.objects.bulk_create([
            Member(cooperative=cooperative, member_number=key, nik_encrypted=encrypt(nik),
                   nik_last4=nik[-4:], **dict(zip(FIELDS, record, strict=True)))
            for key, record, nik in batch])
    fields = [*FIELDS, "is_active", "deactivated_at", "updated_at"]
    for batch in _batches(to_update):
        with_nik, without_nik = [], []
        for pk, record, nik in batch:
            member = Member(pk=pk, is_active=True, deactivated_at=None, updated_at=now,
                            **dict(zip(FIELDS, record, strict=True)))
            if nik:
                member.nik_encrypted, member.nik_last4 = encrypt(nik), nik[-4:]
                with_nik.append(member)
            else:
                without_nik.append(member)
        Member.objects.bulk_update(with_nik, [*fields, "nik_encrypted", "nik_last4"])
        Member.objects.bulk_update(without_nik, fields)
    for batch in _batches(deactivate):
        Member.objects.of(cooperative).filter(member_number__in=batch).update(
            is_active=False, deactivated_at=now, updated_at=now)


MIRRORED = ("savings_pokok", "savings_wajib", "savings_sukarela", "dues_paid_until")


def member_savings_mirror(cooperative, values: dict[int, dict]) -> None:
    """The register's savings columns and "wajib s/d" as the savings ledger now has them
    ({member pk: {column: value}}), so register exports and the member's own data download
    show what the ledger says."""
    members = []
    for pk, columns in values.items():
        member = Member(pk=pk, cooperative=cooperative)
        for name in MIRRORED:
            setattr(member, name, columns.get(name))
        members.append(member)
    fields = [name for name in MIRRORED if any(name in c for c in values.values())]
    for batch in _batches(members):
        Member.objects.bulk_update(batch, fields)


def member_category_set(member: Member, category: str) -> None:
    """A member moved to another category (the savings domain keeps when)."""
    member.category = category[:40]
    member.save(update_fields=["category", "updated_at"])

"""The stock sheet import (issue 20): SKU, store and a quantity per row. A plain number is what
was counted on the shelf (on hand becomes it); a signed one (+12, -3) is an adjustment. The
whole sheet is checked first with one query per kind of lookup, never one per row; then,
only when no row has a problem, applied in one transaction through `stock_bulk_set`: one
movement in the ledger per changed row. Run as a saved job (backend.jobs), started and polled
by the console page and the API alike."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from backend import spreadsheets
from backend.accounts.permissions import Permission
from backend.error_codes import CommonErrorCode
from backend.jobs.kinds import JobOutcome, job_kind_register
from backend.jobs.models import Job
from backend.jobs.selectors import check_may_be_applied, checked_job_of
from backend.jobs.services import job_start
from backend.kept_files import file_forget, file_keep, file_read
from backend.row_errors import RowError

from .models import Location, Stock
from .services import stock_bulk_set

KIND = "stock_import"
MAX_ROWS = 50_000
COLUMNS = {
    "sku": ("sku", "kode", "kode barang"),
    "store": ("store", "location", "toko", "lokasi", "gudang", "kode toko"),
    "quantity": ("quantity", "qty", "jumlah", "stok", "stock"),
    "reason": ("reason", "alasan", "keterangan"),
}


@dataclass
class StockRow:
    row: int
    sku: str
    store: str
    before: int = 0
    after: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def action(self) -> str:
        return "unchanged" if self.before == self.after else "change"


def _problem(row: int, column: str, message: str) -> list[RowError]:
    return [RowError(row, column, message)]


def _variants_by_sku(cooperative, skus) -> dict[str, int]:
    variant_model = Stock._meta.get_field("variant").related_model  # catalog is a floor up
    return dict(variant_model.objects.filter(cooperative=cooperative).annotate(
        key=Upper("sku")).filter(key__in=skus).values_list("key", "pk"))


def _locations(cooperative) -> dict[str, Location]:
    found = {}
    for location in Location.objects.of(cooperative).filter(is_active=True):
        found.setdefault(location.name.strip().lower(), location)
        found[location.code.strip().lower()] = location
    return found


def stock_import(cooperative, actor, *, content: bytes, filename: str, dry_run: bool = True,
                 reference: str = "", progress=None) -> tuple[list[StockRow], bool]:
    """Check every row (and apply all of them, when not `dry_run` and none has a problem).
    Returns (rows, applied)."""
    table = list(spreadsheets.Table(content, filename, COLUMNS, ("sku", "store", "quantity"),
                                    max_rows=MAX_ROWS))
    variants = _variants_by_sku(cooperative, {v.get("sku", "").strip().upper() for _, v in table})
    locations = _locations(cooperative)
    reports, wanted, seen = [], [], {}
    for number, values in table:
        sku = values.get("sku", "").strip().upper()
        store = values.get("store", "").strip()
        report = StockRow(number, sku, store)
        reports.append(report)
        text = values.get("quantity", "").strip().replace(".", "").replace(" ", "")
        variant, location = variants.get(sku), locations.get(store.lower())
        if variant is None:
            report.errors += _problem(number, "sku", _("No product with SKU %(sku)s.") % {
                "sku": sku or "—"})
        if location is None:
            report.errors += _problem(number, "store", _("No store %(store)s here.") % {
                "store": store or "—"})
        try:
            amount = int(text)
        except ValueError:
            amount = None
            report.errors += _problem(number, "quantity", _(
                "%(value)s is not a whole number.") % {"value": text or "—"})
        if variant is not None and location is not None:
            first = seen.setdefault((variant, location.pk), number)
            if first != number:
                report.errors += _problem(number, "sku", _(
                    "This SKU and store are already in row %(row)s.") % {"row": first})
        if not report.errors:
            adjust = text.startswith(("+", "-"))
            wanted.append((report, variant, location.pk, None if adjust else amount,
                           amount if adjust else None, values.get("reason", "").strip()))
        if progress is not None and number % 1000 == 0:
            progress(number, len(table))

    def settle(stocks: dict[tuple[int, int], Stock]) -> list[tuple[int, int, int, str]]:
        changes = []
        for report, variant, location, count, delta, reason in wanted:
            stock = stocks.get((variant, location))
            report.before = stock.on_hand if stock else 0
            report.after = count if count is not None else report.before + delta
            allocated = stock.allocated if stock else 0
            if report.after < 0:
                report.errors += _problem(report.row, "quantity", _(
                    "Stock cannot go below zero (now %(n)s).") % {"n": report.before})
            elif report.after < allocated:
                report.errors += _problem(report.row, "quantity", _(
                    "%(n)s units are promised to orders; count at least that many.") % {
                    "n": allocated})
            elif report.after != report.before:
                changes.append((variant, location, report.after, reason))
        return changes

    pairs = [(variant, location) for _r, variant, location, *_rest in wanted]
    if dry_run or any(r.errors for r in reports):
        settle(_stocks(cooperative, pairs, lock=False))
        return reports, False
    with transaction.atomic():
        changes = settle(_stocks(cooperative, pairs, lock=True))
        if any(r.errors for r in reports):  # stock moved since the check: keep nothing
            return reports, False
        stock_bulk_set(cooperative, changes, actor=actor,
                       reason=_("Stock sheet import"), reference=reference)
    return reports, True


def _stocks(cooperative, pairs, *, lock: bool) -> dict[tuple[int, int], Stock]:
    variant_ids = {v for v, _loc in pairs}
    location_ids = {loc for _v, loc in pairs}
    rows = Stock.objects.of(cooperative).filter(variant_id__in=variant_ids,
                                                location_id__in=location_ids)
    if lock:
        rows = rows.select_for_update(of=("self",)).order_by("pk")
    return {(s.variant_id, s.location_id): s for s in rows}


# -- the saved job ----------------------------------------------------------------------------
def _choose_again() -> ValidationError:
    return ValidationError({"file": ValidationError(_("Choose the file again, please."),
                                                    code=CommonErrorCode.REQUIRED)})


def stock_import_start(cooperative, actor, *, content: bytes, filename: str) -> Job:
    """Check a stock sheet in a worker; nothing changes. The caller checked the permission."""
    if not content:
        raise _choose_again()
    return job_start(KIND, cooperative, actor, {"file": file_keep(content),
                                                "filename": filename, "dry_run": True})


def stock_import_apply(cooperative, actor, checked_job_id) -> Job:
    checked = checked_job_of(cooperative, KIND, checked_job_id)
    if checked is None:
        raise ValidationError({"checked_job": ValidationError(
            _("No stock sheet check with this ID."), code=CommonErrorCode.NOT_FOUND)})
    if not check_may_be_applied(checked, "file"):
        raise _choose_again()
    return job_start(KIND, cooperative, actor, {**checked.params, "dry_run": False,
                                                "checked_job": str(checked.pk)})


def stock_import_run(job: Job, progress) -> JobOutcome:
    content = file_read(job.params["file"])
    if content is None:
        raise _choose_again()
    rows, applied = stock_import(job.cooperative, job.user, content=content,
                                 filename=job.params["filename"],
                                 dry_run=job.params["dry_run"], reference=f"import {job.pk}"[:80],
                                 progress=progress)
    progress(len(rows), len(rows))
    if applied:
        file_forget(job.params["file"])
    result = {"applied": applied, "changed": sum(1 for r in rows if r.action == "change"),
              "unchanged": sum(1 for r in rows if r.action == "unchanged" and not r.errors),
              "rows": [{"row": r.row, "sku": r.sku, "store": r.store, "before": r.before,
                        "after": r.after, "action": r.action} for r in rows if not r.errors]}
    return JobOutcome(result, [e.as_dict() for r in rows for e in r.errors])


def register_job_kinds() -> None:
    job_kind_register(KIND, stock_import_run, Permission.MANAGE_INVENTORY)

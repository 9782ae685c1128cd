"""Supplier feeds (CSV, XLSX, JSON) from an upload, a scheduled pull or a push all go
through `feed_sync`: every row is checked and compared with what we know of the supplier's
items; only a feed without problems is applied (or its valid rows, when the manager says
so), in one transaction. Rows are read and written as they stream in: memory holds what is
known of the supplier's items, not the file."""

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

import ijson
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode, FileErrorCode
from backend.money import parse_rupiah
from backend.row_errors import RowError
from backend.spreadsheets import Table

from ..models import FeedFormat, Sourcing, Supplier, SupplierItem, SupplierSync, VariantSupply
from .settings import settings_of

MAX_ROWS = 500_000
ERRORS_KEPT = 500
CHANGES_KEPT = 1000  # entries of each kind kept in the report; counts are always whole
BATCH = 2000
MAX_QUANTITY = 1_000_000_000
MAX_COST = 10**12
FEED_LOCK = 4202  # advisory lock class: syncs of one supplier take turns

COLUMNS = {
    "supplier_sku": ("kode", "kode barang", "kode produk", "kode item", "sku", "sku pemasok",
                     "supplier sku", "supplier_sku", "item code", "plu"),
    "name": ("nama", "nama barang", "nama produk", "nama item", "name", "description",
             "deskripsi"),
    "barcode": ("barcode", "kode barcode", "kode batang", "ean", "gtin"),
    "pack_size": ("isi", "isi per kemasan", "isi/karton", "isi karton", "isi per karton",
                  "pack size", "pack_size", "units per pack"),
    "cost_per_pack": ("harga", "harga beli", "harga per kemasan", "harga karton",
                      "harga pokok", "cost", "cost per pack", "cost_per_pack", "price"),
    "min_order_packs": ("min order", "min. order", "minimal order", "minimum order",
                        "min pesan", "moq", "min_order", "min_order_packs"),
    "available_quantity": ("stok", "stock", "stok tersedia", "tersedia", "jumlah", "qty",
                           "available", "available quantity", "available_quantity",
                           "quantity"),
}
REQUIRED = ("supplier_sku", "cost_per_pack")
FIELDS = ("name", "barcode", "pack_size", "cost_per_pack", "min_order_packs",
          "available_quantity")


@dataclass
class FeedReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    counts: dict = field(default_factory=lambda: dict.fromkeys(
        ("new", "changed", "unchanged", "vanished", "cost_up", "cost_down", "availability",
         "flagged"), 0))
    changes: dict = field(default_factory=lambda: {k: [] for k in (
        "new", "vanished", "cost_up", "cost_down", "availability", "flagged")})

    def note(self, kind: str, entry: dict) -> None:
        self.counts[kind] += 1
        if len(self.changes[kind]) < CHANGES_KEPT:
            self.changes[kind].append(entry)


# -- reading ------------------------------------------------------------------------------------
def _lookup(mapping: dict | None) -> dict[str, str]:
    lookup = {alias: key for key, aliases in COLUMNS.items() for alias in (*aliases, key)}
    for key, written in (mapping or {}).items():
        if key in COLUMNS and written:
            lookup[" ".join(str(written).lower().split())] = key
    return lookup


def _json_rows(stream, mapping):
    lookup = _lookup(mapping)
    stream.seek(0)
    head = stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    stream.seek(0)
    prefix = "item" if head.startswith(b"[") else "items.item"
    try:
        for position, record in enumerate(ijson.items(stream, prefix, use_float=True),
                                          start=1):
            if not isinstance(record, dict):
                yield position, {}
                continue
            yield position, {lookup[k]: "" if v is None else _text(v) for k, v in (
                (" ".join(str(k).lower().split()), v) for k, v in record.items())
                if k in lookup}
    except ijson.JSONError:
        raise ValidationError({"file": ValidationError(
            _("The file is not valid JSON."), code=FileErrorCode.INVALID_FILE)}) from None


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def feed_rows(content: bytes | io.IOBase, format: str, mapping: dict | None = None):
    """(row number, {column: text}) of a feed, read as it streams. An unreadable file or a
    missing column raises ValidationError when the rows are first asked for."""
    stream = io.BytesIO(content) if isinstance(content, bytes) else content
    if format == FeedFormat.JSON:
        yield from _json_rows(stream, mapping)
        return
    if format not in FeedFormat.values:
        raise ValidationError({"format": ValidationError(_("Choose CSV, XLSX or JSON."),
                                                         code=CommonErrorCode.INVALID)})
    yield from Table(stream, f"feed.{format}", COLUMNS, REQUIRED, mapping=mapping,
                     max_rows=MAX_ROWS)


def format_of(filename: str, default: str = FeedFormat.CSV) -> str:
    extension = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    return {"csv": FeedFormat.CSV, "txt": FeedFormat.CSV, "xlsx": FeedFormat.XLSX,
            "json": FeedFormat.JSON}.get(extension, default)


def sha256_of(content) -> str:
    digest = hashlib.sha256()
    if isinstance(content, bytes):
        digest.update(content)
    else:
        content.seek(0)
        for chunk in iter(lambda: content.read(1024 * 1024), b""):
            digest.update(chunk)
        content.seek(0)
    return digest.hexdigest()


# -- checking one row ---------------------------------------------------------------------------
def _whole(text: str, minimum: int) -> int:
    cleaned = text.replace(".", "").replace(" ", "") if text.count(".") and "," not in text \
        and all(len(p) == 3 for p in text.split(".")[1:]) else text
    try:
        number = float(cleaned.replace(",", "."))
        if number != int(number) or abs(number) > MAX_QUANTITY:
            raise ValueError(text)
    except OverflowError:
        raise ValueError(text) from None
    if number < minimum:
        raise ArithmeticError(text)
    return int(number)


def clean_row(values: dict) -> tuple[str, tuple, list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    sku = values.get("supplier_sku", "").strip()
    if not sku:
        problems.append(("supplier_sku", _("The supplier SKU is empty.")))
    elif len(sku) > 64:
        problems.append(("supplier_sku", _("A SKU has at most 64 characters.")))
    name = " ".join(values.get("name", "").split())[:200]
    barcode = values.get("barcode", "").strip()[:32]
    data = {"name": name, "barcode": barcode}
    cost_text = values.get("cost_per_pack", "").strip()
    data["cost_per_pack"] = 0
    if not cost_text:
        problems.append(("cost_per_pack", _("The cost is empty.")))
    else:
        try:
            data["cost_per_pack"] = parse_rupiah(cost_text)
            if data["cost_per_pack"] > MAX_COST:
                raise ValueError(cost_text)
        except ValueError:
            problems.append(("cost_per_pack", _("%(value)s is not an amount in rupiah.")
                             % {"value": cost_text}))
    for column, minimum, default in (("pack_size", 1, 1), ("min_order_packs", 1, 1),
                                     ("available_quantity", 0, None)):
        text = values.get(column, "").strip()
        data[column] = default
        if not text:
            continue
        try:
            data[column] = _whole(text, minimum)
        except ArithmeticError:
            problems.append((column, _("%(value)s is negative or zero; give %(min)s or more.")
                             % {"value": text, "min": minimum}))
        except ValueError:
            problems.append((column, _("%(value)s is not a whole number.") % {"value": text}))
    return sku, tuple(data[f] for f in FIELDS), problems


# -- the sync -----------------------------------------------------------------------------------
def feed_sync(supplier: Supplier, rows: Iterable[tuple[int, dict]], *, source: str,
              actor=None, filename: str = "", content_sha256: str = "", dry_run: bool = True,
              apply_valid_rows: bool = False) -> SupplierSync:
    """Check every row; apply when asked and no row has a problem (or, with
    `apply_valid_rows`, the rows without one). The same feed twice changes nothing."""
    threshold = settings_of(supplier.cooperative).cost_change_threshold_percent
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [FEED_LOCK, supplier.pk])
        report = FeedReport()
        message = ""
        try:
            with transaction.atomic():
                written = _sync(supplier, rows, report, threshold, dry_run=dry_run,
                                apply_valid_rows=apply_valid_rows)
                if report.errors and not apply_valid_rows:
                    # Rows before the first problem may have been written: undo them all.
                    transaction.set_rollback(True)
                    written = False
        except ValidationError as error:  # the file itself is unreadable, or too long
            written, message = False, "; ".join(error.messages)
            report.errors.append(RowError(0, "file", message))
        if message:
            status = SupplierSync.Status.FAILED
        elif written:
            status = SupplierSync.Status.APPLIED
        elif report.errors:
            status = SupplierSync.Status.REJECTED
        else:
            status = SupplierSync.Status.DRY_RUN
        return SupplierSync.objects.create(
            cooperative_id=supplier.cooperative_id, supplier=supplier, source=source,
            status=status, filename=filename[:255], content_sha256=content_sha256,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            rows=report.rows, error_count=len(report.errors),
            errors=[e.as_dict() for e in report.errors[:ERRORS_KEPT]], counts=report.counts,
            changes=report.changes, message=message)


def _sync(supplier, rows, report: FeedReport, threshold: int, *, dry_run: bool,
          apply_valid_rows: bool) -> bool:
    """Compare (and, unless dry run, write as it goes); True when something was written."""
    existing = {row[0]: (row[1], row[2], row[3:]) for row in SupplierItem.objects.filter(
        supplier=supplier).values_list("supplier_sku", "pk", "is_active", *FIELDS).iterator(
        chunk_size=5000)}
    drop_ship = set(VariantSupply.objects.filter(
        supplier=supplier, sourcing=Sourcing.DROP_SHIP).values_list("variant_id", flat=True))
    seen: dict[str, int] = {}
    writer = _Writer(supplier) if not dry_run else None
    for number, values in rows:
        report.rows += 1
        sku, record, problems = clean_row(values)
        if sku and sku in seen:
            problems.append(("supplier_sku", _("SKU %(sku)s is also in row %(row)s.")
                             % {"sku": sku, "row": seen[sku]}))
        seen.setdefault(sku, number)
        for column, message in problems:
            report.errors.append(RowError(number, column, message))
        if problems:
            continue
        if writer is not None and report.errors and not apply_valid_rows:
            writer = None  # it will be rolled back: stop writing, keep checking
        current = existing.get(sku)
        if current is None or not current[1]:
            report.note("new", {"sku": sku, "name": record[0], "cost": record[3]})
            if writer:
                writer.create(sku, record) if current is None else writer.update(
                    current[0], record)
            continue
        pk, _active, before = current
        if before == record:
            report.counts["unchanged"] += 1
            continue
        report.counts["changed"] += 1
        _note_changes(report, sku, record[0] or before[0], before, record, threshold)
        if writer:
            writer.update(pk, record)
    vanished = [(sku, pk) for sku, (pk, active, _r) in existing.items()
                if active and sku not in seen]
    for sku, _pk in vanished:
        report.note("vanished", {"sku": sku})
    if writer is None or (report.errors and not apply_valid_rows):
        return False  # the caller undoes whatever was written before the first problem
    writer.flush()
    writer.vanish([pk for _sku, pk in vanished])
    SupplierItem.objects.filter(supplier=supplier, is_active=True).update(
        last_synced_at=timezone.now())
    if drop_ship:
        from .sourcing import drop_ship_refresh

        drop_ship_refresh(supplier, drop_ship)
    return True


def _note_changes(report, sku, name, before, after, threshold) -> None:
    old_unit = before[3] / before[2]
    new_unit = after[3] / after[2]
    if old_unit != new_unit:
        percent = round((new_unit - old_unit) * 100 / old_unit, 1) if old_unit else None
        entry = {"sku": sku, "name": name, "before": before[3], "after": after[3],
                 "percent": percent}
        report.note("cost_up" if new_unit > old_unit else "cost_down", entry)
        if percent is None or abs(percent) >= threshold:
            report.note("flagged", entry)
    if before[5] != after[5]:
        report.note("availability", {"sku": sku, "name": name, "before": before[5],
                                     "after": after[5]})


class _Writer:
    """Batched writes of supplier items: COPY-free but one statement per 2,000 rows."""

    def __init__(self, supplier):
        self.supplier = supplier
        self.to_create: list = []
        self.to_update: list = []
        self.now = timezone.now()

    def create(self, sku, record):
        self.to_create.append((sku, record))
        if len(self.to_create) >= BATCH:
            self._create()

    def update(self, pk, record):
        self.to_update.append((pk, record))
        if len(self.to_update) >= BATCH:
            self._update()

    def flush(self):
        self._create()
        self._update()

    def _create(self):
        SupplierItem.objects.bulk_create([
            SupplierItem(cooperative_id=self.supplier.cooperative_id, supplier=self.supplier,
                         supplier_sku=sku, last_synced_at=self.now,
                         **dict(zip(FIELDS, record, strict=True)))
            for sku, record in self.to_create])
        self.to_create = []

    def _update(self):
        if not self.to_update:
            return
        # One UPDATE ... FROM (VALUES ...) per batch: Django's bulk_update builds a CASE per
        # column, which PostgreSQL evaluates in time growing with the batch squared.
        placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(self.to_update))
        params = [value for pk, record in self.to_update for value in (pk, *record)]
        table = SupplierItem._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS i SET name = v.name, barcode = v.barcode, "  # noqa: S608
                "pack_size = v.pack_size::integer, cost_per_pack = v.cost::bigint, "
                "min_order_packs = v.moq::integer, available_quantity = v.qty::integer, "
                "is_active = true "
                f"FROM (VALUES {placeholders}) AS v(id, name, barcode, pack_size, cost, moq, "
                "qty) WHERE i.id = v.id::bigint", params)
        self.to_update = []

    def vanish(self, pks):
        for start in range(0, len(pks), BATCH):
            SupplierItem.objects.filter(pk__in=pks[start:start + BATCH]).update(
                is_active=False)

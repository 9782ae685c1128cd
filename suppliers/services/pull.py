"""Where a supplier's feed comes from: the saved column mapping, a scheduled HTTPS pull
(retried with backoff, the managers told after repeated failures), and a push with the
supplier's own secret token. Every feed goes through `feed_sync`."""

import io
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.permissions import Permission
from backend.crypto import encrypt, lookup_hash
from backend.error_codes import CommonErrorCode
from backend.money import format_rupiah
from backend.remote import FetchFailed, check_pull_url, pull_fetch, pull_succeeded
from backend.remote import pull_failed as _pull_failed
from backend.validation import Problems
from messaging.services import staff_notify

from ..models import FeedFormat, Supplier, SupplierFeedSource, SupplierSync, SyncSource
from .feeds import COLUMNS, feed_rows, feed_sync, sha256_of

__all__ = ["FetchFailed", "feed_pull", "feed_push", "feed_source_of", "feed_source_update",
           "pull_failed", "pulls_due", "push_source"]


def feed_source_of(supplier: Supplier) -> SupplierFeedSource:
    found = SupplierFeedSource.objects.filter(supplier=supplier).first()
    return found or SupplierFeedSource(cooperative_id=supplier.cooperative_id,
                                       supplier=supplier)


@transaction.atomic
def feed_source_update(supplier: Supplier, data: dict) -> tuple[SupplierFeedSource, str]:
    """Save how the feed arrives; returns the source and, when asked for, a new push token
    (shown once: only its hash is kept)."""
    problems = Problems()
    source = feed_source_of(supplier)
    url = data.get("url", source.url) or ""
    pull_enabled = data.get("pull_enabled", source.pull_enabled)
    if url or pull_enabled:
        check_pull_url(problems, url)
    fmt = data.get("format", source.format)
    if fmt not in FeedFormat.values:
        problems.add("format", _("Choose CSV, XLSX or JSON."), CommonErrorCode.INVALID)
    every = data.get("every_hours", source.every_hours)
    if not isinstance(every, int) or not 1 <= every <= 24 * 7:
        problems.add("every_hours", _("Between 1 hour and 7 days."), CommonErrorCode.INVALID)
    mapping = data.get("column_mapping", source.column_mapping) or {}
    if not isinstance(mapping, dict) or any(
            key not in COLUMNS or not isinstance(value, str) for key, value in mapping.items()):
        problems.add("column_mapping", _("Map our columns (%(columns)s) to the headers of "
                                         "the supplier's file.")
                     % {"columns": ", ".join(COLUMNS)}, CommonErrorCode.INVALID)
    problems.raise_if_any()
    source.url, source.format, source.every_hours = url, fmt, every
    source.pull_enabled, source.column_mapping = pull_enabled, mapping
    if "auth_header" in data:
        source.auth_header_encrypted = encrypt(data["auth_header"] or "")
    token = ""
    if data.get("new_push_token"):
        token = secrets.token_urlsafe(32)
        source.push_token_hash = lookup_hash(token)
    source.save()
    return source, token


def push_source(token: str) -> SupplierFeedSource | None:
    """The feed source a push token belongs to (of an active supplier), or None."""
    if not token:
        return None
    return SupplierFeedSource.objects.filter(
        push_token_hash=lookup_hash(token), supplier__is_active=True).select_related(
        "supplier__cooperative").first()


def feed_push(source: SupplierFeedSource, content, fmt: str = "") -> SupplierSync:
    """A feed sent by the supplier itself (bytes or a binary file), applied at once."""
    sync = feed_sync(source.supplier, feed_rows(content, fmt or source.format,
                                                source.column_mapping),
                     source=SyncSource.PUSH, filename=_("pushed feed"),
                     content_sha256=sha256_of(content), dry_run=False)
    _tell_flagged(sync)
    return sync


def _tell_flagged(sync: SupplierSync) -> None:
    """A feed nobody watched arriving changed costs beyond the cooperative's threshold:
    the managers check sell prices (which never change by themselves)."""
    flagged = sync.changes.get("flagged", [])
    if sync.status != SupplierSync.Status.APPLIED or not flagged:
        return
    supplier = sync.supplier
    details = "; ".join(
        f"{e['sku']} {e['name']}: {format_rupiah(e['before'])} -> {format_rupiah(e['after'])}"
        + (f" ({e['percent']:+}%)" if e["percent"] is not None else "") for e in flagged[:10])
    if len(flagged) > 10:
        details += " ..."
    staff_notify(supplier.cooperative, Permission.MANAGE_SUPPLIERS, "manager_feed_cost_alert",
                 {"count": sync.counts.get("flagged", len(flagged)), "supplier": supplier.name,
                  "details": details})


def feed_pull(source: SupplierFeedSource) -> SupplierSync:
    """Pull and apply once. Raises FetchFailed when the source cannot be reached (the task
    tries again later); a feed with bad rows changes nothing and counts as a failure."""
    try:
        content = pull_fetch(source)
    except ValidationError as error:
        sync = SupplierSync.objects.create(
            cooperative_id=source.cooperative_id, supplier=source.supplier,
            source=SyncSource.PULL, status=SupplierSync.Status.FAILED, filename=source.url,
            message="; ".join(error.messages))
        pull_failed(source, sync.message, permanent=True)
        return sync
    sync = feed_sync(source.supplier, feed_rows(io.BytesIO(content), source.format,
                                                source.column_mapping),
                     source=SyncSource.PULL, filename=source.url,
                     content_sha256=sha256_of(content), dry_run=False)
    if sync.status != SupplierSync.Status.APPLIED:
        first = "\n".join(_("row %(row)s %(field)s: %(message)s") % e for e in sync.errors[:20])
        pull_failed(source, _("%(n)s rows have problems; nothing was changed.\n%(first)s")
                    % {"n": sync.error_count, "first": first}, permanent=True)
        return sync
    pull_succeeded(source)
    _tell_flagged(sync)
    return sync


def pull_failed(source: SupplierFeedSource, reason: str, *, permanent: bool = False) -> None:
    """Count a failed pull; the managers are told as `backend.remote.pull_failed` rules."""
    supplier = source.supplier

    def tell(failures: int) -> None:
        staff_notify(supplier.cooperative, Permission.MANAGE_SUPPLIERS,
                     "manager_supplier_sync_failed",
                     {"supplier": supplier.name, "error": reason[:600]})

    _pull_failed(source, reason, permanent=permanent, tell=tell)


def pulls_due(now=None):
    now = now or timezone.now()
    for source in SupplierFeedSource.objects.filter(
            pull_enabled=True, supplier__is_active=True).exclude(url="").select_related(
            "supplier__cooperative"):
        if source.last_run_at is None or source.last_run_at + timedelta(
                hours=source.every_hours) <= now:
            yield source

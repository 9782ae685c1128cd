"""The register pulled on a schedule from where the cooperative keeps it online (CSV or
JSON over HTTPS, optional auth header), through the same checks as an upload. A bad file
changes nothing and the managers are told why."""

import json
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.permissions import Permission
from backend.crypto import encrypt
from backend.error_codes import CommonErrorCode
from backend.remote import (
    FetchFailed,
    check_pull_url,
    pull_failed,
    pull_fetch,
    pull_succeeded,
)
from backend.validation import Problems
from messaging.services import staff_notify

from ..models import ImportSource, MemberSyncSource
from .register import COLUMNS, RegisterReport, register_import, rows_from_file

__all__ = ["FetchFailed", "sync_failed", "sync_run", "sync_source_update", "syncs_due"]


@transaction.atomic
def sync_source_update(cooperative, data: dict) -> MemberSyncSource:
    problems = Problems()
    source = MemberSyncSource.objects.of(cooperative).first() or MemberSyncSource(
        cooperative=cooperative)
    url = data.get("url", source.url)
    check_pull_url(problems, url)
    if data.get("format", source.format) not in MemberSyncSource.Format.values:
        problems.add("format", _("Choose CSV or JSON."), CommonErrorCode.INVALID)
    every = data.get("every_hours", source.every_hours)
    if not 1 <= every <= 24 * 7:
        problems.add("every_hours", _("Between 1 hour and 7 days."), CommonErrorCode.INVALID)
    problems.raise_if_any()
    source.url, source.format, source.every_hours = url, data.get("format", source.format), every
    for field in ("full_sync", "enabled"):
        if field in data:
            setattr(source, field, data[field])
    if "auth_header" in data:
        source.auth_header_encrypted = encrypt(data["auth_header"] or "")
    source.save()
    return source


def _json_rows(content: bytes):
    try:
        records = json.loads(content.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        raise ValidationError(_("The file is not valid JSON.")) from None
    if isinstance(records, dict):
        records = records.get("members") or records.get("anggota") or []
    if not isinstance(records, list):
        raise ValidationError(_("The JSON must be a list of members."))
    lookup = {alias: key for key, aliases in COLUMNS.items() for alias in (*aliases, key)}
    for position, record in enumerate(records, start=1):
        if isinstance(record, dict):
            yield position, {lookup[k.strip().lower()]: "" if v is None else str(v)
                             for k, v in record.items() if k.strip().lower() in lookup}
        else:
            yield position, {}


def sync_run(source: MemberSyncSource) -> RegisterReport | None:
    """Pull and import once. Raises FetchFailed when the source cannot be reached."""
    try:
        content = pull_fetch(source)
        rows = (_json_rows(content) if source.format == MemberSyncSource.Format.JSON
                else rows_from_file(content, "register.csv"))
        report = register_import(source.cooperative, rows, source=ImportSource.SYNC,
                                 filename=source.url, dry_run=False, full_sync=source.full_sync)
    except ValidationError as error:
        sync_failed(source, "; ".join(error.messages), permanent=True)
        return None
    if report.errors:
        first = "\n".join(_("row %(row)s %(field)s: %(message)s") % e.__dict__
                          for e in report.errors[:20])
        sync_failed(source, _("%(n)s rows have problems; nothing was changed.\n%(first)s")
                    % {"n": len(report.errors), "first": first}, permanent=True)
        return report
    pull_succeeded(source)
    return report


def sync_failed(source: MemberSyncSource, reason: str, *, permanent: bool = False) -> None:
    """Count a failed sync; the managers are told as `backend.remote.pull_failed` rules."""
    def tell(_failures: int) -> None:
        staff_notify(source.cooperative, Permission.MANAGE_MEMBERS,
                     "manager_member_sync_failed", {"url": source.url, "reason": reason})

    pull_failed(source, reason, permanent=permanent, tell=tell)


def syncs_due(now=None):
    now = now or timezone.now()
    for source in MemberSyncSource.objects.filter(enabled=True).select_related("cooperative"):
        if source.last_run_at is None or source.last_run_at + timedelta(
                hours=source.every_hours) <= now:
            yield source

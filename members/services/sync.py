"""The register pulled on a schedule from where the cooperative keeps it online (CSV or
JSON over HTTPS, optional auth header), through the same checks as an upload. A bad file
changes nothing and the managers are told why."""

import ipaddress
import json
import socket
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import StaffMembership
from backend.accounts.permissions import Permission
from backend.accounts.selectors import roles_with
from backend.crypto import decrypt, encrypt
from backend.validation import Problems

from ..models import ImportSource, MemberSyncSource
from .register import COLUMNS, RegisterReport, register_import, rows_from_file

MAX_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 30


class FetchFailed(Exception):
    """The source could not be reached; worth trying again later."""


@transaction.atomic
def sync_source_update(cooperative, data: dict) -> MemberSyncSource:
    problems = Problems()
    source = MemberSyncSource.objects.of(cooperative).first() or MemberSyncSource(
        cooperative=cooperative)
    url = data.get("url", source.url)
    parts = urlsplit(url or "")
    plain_http_ok = parts.hostname in settings.MEMBER_SYNC_PLAIN_HTTP_HOSTS
    if parts.scheme != "https" and not (parts.scheme == "http" and plain_http_ok):
        problems.add("url", _("Give an https:// address."), "invalid")
    if data.get("format", source.format) not in MemberSyncSource.Format.values:
        problems.add("format", _("Choose CSV or JSON."), "invalid")
    every = data.get("every_hours", source.every_hours)
    if not 1 <= every <= 24 * 7:
        problems.add("every_hours", _("Between 1 hour and 7 days."), "invalid")
    problems.raise_if_any()
    source.url, source.format, source.every_hours = url, data.get("format", source.format), every
    for field in ("full_sync", "enabled"):
        if field in data:
            setattr(source, field, data[field])
    if "auth_header" in data:
        source.auth_header_encrypted = encrypt(data["auth_header"] or "")
    source.save()
    return source


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an error: it could lead inside our network


def _public_address(url: str) -> None:
    """Refuse addresses inside private networks (SSRF), unless configured for tests."""
    host = urlsplit(url).hostname or ""
    if host in settings.MEMBER_SYNC_PLAIN_HTTP_HOSTS:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        raise FetchFailed(_("The address could not be found.")) from None
    for address in addresses:
        ip = ipaddress.ip_address(address)
        if not ip.is_global:
            raise ValidationError(_("The address points inside a private network."))


def _fetch(source: MemberSyncSource) -> bytes:
    _public_address(source.url)
    request = urllib.request.Request(source.url, headers={"User-Agent": "coop-mart"})
    header = decrypt(source.auth_header_encrypted)
    if header:
        name, _sep, value = header.partition(":")
        request.add_header(name.strip(), value.strip())
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            content = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FetchFailed(_("The server answered %(status)s.") % {"status": error.code}) \
            from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FetchFailed(_("The address could not be reached (%(reason)s).")
                          % {"reason": getattr(error, "reason", error)}) from None
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 50 MB."))
    return content


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


def _tell_managers(source: MemberSyncSource, subject: str, body: str) -> None:
    emails = list(StaffMembership.objects.filter(
        cooperative=source.cooperative, role__in=roles_with(Permission.MANAGE_MEMBERS),
        user__email__isnull=False).values_list("user__email", flat=True))
    if emails:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)


def sync_run(source: MemberSyncSource) -> RegisterReport | None:
    """Pull and import once. Raises FetchFailed when the source cannot be reached."""
    now = timezone.now()
    MemberSyncSource.objects.filter(pk=source.pk).update(last_run_at=now)
    try:
        content = _fetch(source)
        rows = (_json_rows(content) if source.format == MemberSyncSource.Format.JSON
                else rows_from_file(content, "register.csv"))
        report = register_import(source.cooperative, rows, source=ImportSource.SYNC,
                                 filename=source.url, dry_run=False, full_sync=source.full_sync)
    except ValidationError as error:
        sync_failed(source, "; ".join(error.messages))
        return None
    if report.errors:
        first = "\n".join(_("row %(row)s %(field)s: %(message)s") % e.__dict__
                          for e in report.errors[:20])
        sync_failed(source, _("%(n)s rows have problems; nothing was changed.\n%(first)s")
                    % {"n": len(report.errors), "first": first})
        return report
    MemberSyncSource.objects.filter(pk=source.pk).update(
        last_success_at=now, last_error="", consecutive_failures=0)
    return report


def sync_failed(source: MemberSyncSource, reason: str) -> None:
    MemberSyncSource.objects.filter(pk=source.pk).update(
        last_error=reason[:2000], consecutive_failures=F("consecutive_failures") + 1)
    _tell_managers(source, _("The member register sync of %(name)s failed")
                   % {"name": source.cooperative.name},
                   _("The register at %(url)s was not imported; nothing changed.\n\n%(reason)s")
                   % {"url": source.url, "reason": reason})


def syncs_due(now=None):
    now = now or timezone.now()
    for source in MemberSyncSource.objects.filter(enabled=True).select_related("cooperative"):
        if source.last_run_at is None or source.last_run_at + timedelta(
                hours=source.every_hours) <= now:
            yield source

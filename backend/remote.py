"""Files pulled from where people keep them online (HTTPS, optional auth header), shared by
every scheduled pull: no redirects, no addresses inside private networks, a size limit, and
managers told by e-mail when a pull keeps failing."""

import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode

MAX_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 30


class FetchFailed(Exception):
    """The source could not be reached; worth trying again later."""


def plain_http_hosts() -> list[str]:
    """Hosts allowed over plain http and inside this machine (tests, a local demo)."""
    return settings.MEMBER_SYNC_PLAIN_HTTP_HOSTS


def check_pull_url(problems, url: str, field: str = "url") -> None:
    parts = urlsplit(url or "")
    plain_http_ok = parts.hostname in plain_http_hosts()
    if parts.scheme != "https" and not (parts.scheme == "http" and plain_http_ok):
        problems.add(field, _("Give an https:// address."), CommonErrorCode.INVALID)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an error: it could lead inside our network


def _public_address(url: str) -> None:
    """Refuse addresses inside private networks (SSRF), unless configured for tests."""
    host = urlsplit(url).hostname or ""
    if host in plain_http_hosts():
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        raise FetchFailed(_("The address could not be found.")) from None
    for address in addresses:
        ip = ipaddress.ip_address(address)
        if not ip.is_global:
            raise ValidationError(_("The address points inside a private network."))


def fetch(url: str, auth_header: str = "", max_bytes: int = MAX_BYTES) -> bytes:
    """The body at `url`. FetchFailed: try again later; ValidationError: never will work."""
    _public_address(url)
    request = urllib.request.Request(url, headers={"User-Agent": "coop-mart"})
    if auth_header:
        name, _sep, value = auth_header.partition(":")
        request.add_header(name.strip(), value.strip())
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            content = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise FetchFailed(_("The server answered %(status)s.") % {"status": error.code}) \
            from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FetchFailed(_("The address could not be reached (%(reason)s).")
                          % {"reason": getattr(error, "reason", error)}) from None
    if len(content) > max_bytes:
        raise ValidationError(_("The file is larger than 50 MB."))
    return content


def email_staff_with(cooperative, permission: str, subject: str, body: str) -> None:
    """Mail everyone of the cooperative's staff whose role has `permission`."""
    from backend.accounts.models import StaffMembership
    from backend.accounts.selectors import roles_with

    emails = list(StaffMembership.objects.filter(
        cooperative=cooperative, role__in=roles_with(permission),
        user__email__isnull=False).values_list("user__email", flat=True))
    if emails:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)


def retry_countdown(retries: int, base_seconds: int = 60) -> int:
    """Seconds before the next try of a failed pull: 1, 2, 4 minutes ... (backoff)."""
    return base_seconds * 2 ** retries

"""Files pulled from where people keep them online (HTTPS, optional auth header): the one
fetcher of every scheduled pull (the member register sync, supplier feeds). No redirects, no
addresses inside private networks (the connection goes to the very address that was checked,
so a second DNS answer cannot point it inside), a size limit, and one rule for when the
managers hear of failures (`pull_failed`)."""

import http.client
import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.crypto import decrypt
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


def _checked_address(host: str, port: int) -> str:
    """The one address to connect to: every address the name has must be public (SSRF),
    unless the host is configured for tests."""
    try:
        addresses = [info[4][0] for info in socket.getaddrinfo(host, port,
                                                               type=socket.SOCK_STREAM)]
    except (OSError, UnicodeError):
        raise FetchFailed(_("The address could not be found.")) from None
    if not addresses:
        raise FetchFailed(_("The address could not be found."))
    if host not in plain_http_hosts():
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise ValidationError(_("The address points inside a private network."))
    return addresses[0]


def _connection(url: str) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    https = parts.scheme == "https"
    try:
        port = parts.port or (443 if https else 80)
    except ValueError:
        raise ValidationError(_("Give an https:// address.")) from None
    address = _checked_address(host, port)
    kind = http.client.HTTPSConnection if https else http.client.HTTPConnection
    connection = kind(host, port, timeout=TIMEOUT_SECONDS)  # TLS checks the host's name

    def connect_to_checked_address(_host_port, timeout, source_address=None):
        return socket.create_connection((address, port), timeout, source_address)

    connection._create_connection = connect_to_checked_address
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return connection, path


def fetch(url: str, auth_header: str = "", max_bytes: int = MAX_BYTES) -> bytes:
    """The body at `url`. FetchFailed: try again later; ValidationError: never will work."""
    connection, path = _connection(url)
    headers = {"User-Agent": "coop-mart"}
    if auth_header:
        name, _sep, value = auth_header.partition(":")
        headers[name.strip()] = value.strip()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        if response.status != 200:  # a redirect too: it could lead inside our network
            raise FetchFailed(_("The server answered %(status)s.")
                              % {"status": response.status})
        content = response.read(max_bytes + 1)
    except (http.client.HTTPException, OSError) as error:
        raise FetchFailed(_("The address could not be reached (%(reason)s).")
                          % {"reason": error}) from None
    finally:
        connection.close()
    if len(content) > max_bytes:
        raise ValidationError(_("The file is larger than 50 MB."))
    return content


# -- scheduled pulls: the shared shape of a source (url, auth_header_encrypted, last_run_at,
# last_success_at, last_error, consecutive_failures) ----------------------------------------
FAILURES_BEFORE_TELLING = 3


def pull_fetch(source) -> bytes:
    """Note the run, then fetch the source's file."""
    type(source).objects.filter(pk=source.pk).update(last_run_at=timezone.now())
    return fetch(source.url, decrypt(source.auth_header_encrypted))


def pull_succeeded(source) -> None:
    type(source).objects.filter(pk=source.pk).update(
        last_success_at=timezone.now(), last_error="", consecutive_failures=0)


def pull_failed(source, reason: str, *, permanent: bool,
                tell: Callable[[int], None]) -> None:
    """Count a failure. The managers hear of it (`tell(failures in a row)`) at once when only
    they can fix it (`permanent`: a bad file, a refused address), and once per streak, at the
    FAILURES_BEFORE_TELLING-th failure in a row, when it may pass (the source unreachable)."""
    type(source).objects.filter(pk=source.pk).update(
        last_error=reason[:2000], consecutive_failures=F("consecutive_failures") + 1)
    source.refresh_from_db(fields=["consecutive_failures", "last_error"])
    if permanent or source.consecutive_failures == FAILURES_BEFORE_TELLING:
        tell(source.consecutive_failures)


def pull_retry_later(task) -> None:
    """In a pull task after a FetchFailed: try again with backoff, until the retries run out."""
    if task.request.retries < task.max_retries:
        raise task.retry(countdown=retry_countdown(task.request.retries,
                                                   settings.PULL_RETRY_SECONDS))


def retry_countdown(retries: int, base_seconds: int = 60) -> int:
    """Seconds before the next try of a failed pull: 1, 2, 4 minutes ... (backoff)."""
    return base_seconds * 2 ** retries

"""One limiter for everything that can be abused by repetition: sign-in attempts, and anything
that sends a message or a code (password e-mails, membership claim codes, later WhatsApp and
SMS codes). Counts live in Django's cache (Redis in every real deployment), so every web
worker and machine shares them.

A limit is a fixed window: at most `limit` hits per `window_seconds` per key. Keys are hashed,
so no login name or phone number sits in the cache in clear."""

import hashlib
import time
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode


@dataclass(frozen=True)
class Limit:
    limit: int
    window_seconds: int


def client_address(request) -> str:
    """The client's address as the sign-in throttle sees it (TRUSTED_PROXY_COUNT applies)."""
    if request is None:
        return "unknown"
    return get_client_ip_address(request) or "unknown"


def _cache_key(scope: str, key: str, window_seconds: int) -> str:
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{int(time.time() // window_seconds)}"


def rate_limit_hit(scope: str, key: str, limit: Limit) -> bool:
    """Count one hit of `key` in `scope`; True when this hit is over the limit."""
    if limit.limit <= 0:
        return False  # 0 turns a limit off
    cache_key = _cache_key(scope, key, limit.window_seconds)
    cache.add(cache_key, 0, timeout=limit.window_seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=limit.window_seconds + 1)
        count = 1
    return count > limit.limit


def rate_limit_reached(scope: str, key: str, limit: Limit) -> bool:
    """True when `key` has used up its hits in `scope` (without counting one)."""
    if limit.limit <= 0:
        return False
    return (cache.get(_cache_key(scope, key, limit.window_seconds)) or 0) >= limit.limit


def sign_in_allowed(request) -> bool:
    """May this client try a password now? Every attempt counts against the per-minute cap of
    its address; an address with too many failures (any logins) waits out the cool-off."""
    address = client_address(request)
    failures = Limit(settings.SIGN_IN_FAILURES_PER_ADDRESS,
                     int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if rate_limit_reached("sign-in:failures", address, failures):
        return False
    return not rate_limit_hit("sign-in:attempts", address,
                              Limit(settings.SIGN_IN_ATTEMPTS_PER_ADDRESS_PER_MINUTE, 60))


def sign_in_failed(request) -> None:
    rate_limit_hit("sign-in:failures", client_address(request),
                   Limit(settings.SIGN_IN_FAILURES_PER_ADDRESS,
                         int(settings.AXES_COOLOFF_TIME.total_seconds())))


def too_many_requests(field: str) -> ValidationError:
    return ValidationError({field: ValidationError(
        _("Too many requests. Wait a few minutes and try again."),
        code=CommonErrorCode.TOO_MANY_REQUESTS)})


def send_allowed(kind: str, person: str, address: str) -> bool:
    """May one more message or code of `kind` go to `person` (an e-mail, a phone, a member
    number) on behalf of a client at `address`? Counts the try either way. The same answer
    whether or not `person` exists, so the limit tells nothing about who is registered."""
    window = settings.SEND_LIMIT_WINDOW_SECONDS
    over_person = rate_limit_hit(f"send:{kind}:person", person,
                                 Limit(settings.SEND_LIMIT_PER_PERSON, window))
    over_address = rate_limit_hit(f"send:{kind}:address", address,
                                  Limit(settings.SEND_LIMIT_PER_ADDRESS, window))
    return not (over_person or over_address)


def send_check(kind: str, person: str, address: str, field: str) -> None:
    """`send_allowed`, refusing with a TOO_MANY_REQUESTS error on `field` when it is not."""
    if not send_allowed(kind, person, address):
        raise too_many_requests(field)

"""Which database a query goes to: the one place that decides (issue 21).

With DATABASE_REPLICA_URL set, settings add a `replica` alias (a PostgreSQL streaming
replica of `default`) and install ReplicaRouter and ReplicaMiddleware. Then:

- storefront reads go to the replica: GET/HEAD of the catalog pages (home, search,
  category, product, seller, sitemap) and GraphQL queries that hold no mutation;
- everything else reads the primary: POSTs, mutations, the cart, checkout, orders and
  account pages, the console, admin, Celery tasks, management commands (the router's
  default is the primary; only ReplicaMiddleware opens the replica, for one request);
- a session that wrote is pinned to the primary for REPLICA_PIN_SECONDS: any request that
  was not a read (or that wrote through the ORM) sets a signed cookie, and while it is
  valid that browser's reads go to the primary, so a shopper sees their own change at once;
- a replica that lags past REPLICA_MAX_LAG_SECONDS or does not answer is left alone: reads
  go to the primary. Its state is checked at most every REPLICA_CHECK_SECONDS, kept in the
  process. A read answered with a failure while the replica turns out down is answered again
  from the primary (a read changes nothing, so running it twice is safe).

The response header X-Read-From (replica/primary) says where a request's reads went.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.signing import BadSignature

logger = logging.getLogger("backend.db_router")

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "coopmart_primary"

# The reads of this request may go to the replica (set by ReplicaMiddleware only).
_reads_from: contextvars.ContextVar[str] = contextvars.ContextVar("reads_from", default=PRIMARY)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("wrote", default=False)

# Catalog pages, with or without the /k/<slug>/ prefix.
_READ_PAGE = re.compile(
    r"^/(k/[-\w]+/)?(|cari/|cari/saran/|kategori/[-\w]+/|produk/[-\w]+/|umkm/[-\w]+/"
    r"|sitemap\.xml|robots\.txt)$")


class ReplicaRouter:
    """Reads go where the current request allows (the primary unless ReplicaMiddleware said
    the replica); writes always go to the primary."""

    def db_for_read(self, model, **hints):
        if model._meta.app_label == "sessions":
            return PRIMARY  # a session just written must be found
        return _reads_from.get()

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        _reads_from.set(PRIMARY)  # after a write in this request, read what was written
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


# -- what a request is ----------------------------------------------------------------------
def graphql_is_read(body: bytes, query_string_query: str | None = None) -> bool:
    """A GraphQL request holding only queries (no mutation, no subscription). Anything that
    cannot be parsed is not a read (the primary answers it, with its errors)."""
    from graphql import OperationType, parse
    from graphql.error import GraphQLError

    documents = []
    if query_string_query is not None:
        documents.append(query_string_query)
    else:
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return False
        batch = data if isinstance(data, list) else [data]
        for item in batch:
            if not isinstance(item, dict) or not isinstance(item.get("query"), str):
                return False
            documents.append(item["query"])
    if not documents:
        return False
    try:
        for text in documents:
            for definition in parse(text).definitions:
                operation = getattr(definition, "operation", None)
                if operation is not None and operation != OperationType.QUERY:
                    return False
    except GraphQLError:
        return False
    return True


def request_is_storefront_read(request) -> bool:
    if request.path == "/graphql/":
        if request.method == "GET":
            return "query" in request.GET and graphql_is_read(b"", request.GET["query"])
        if request.method == "POST" and request.content_type == "application/json":
            return graphql_is_read(request.body)
        return False
    return request.method in ("GET", "HEAD") and bool(_READ_PAGE.match(request.path))


def request_is_pinned(request) -> bool:
    try:
        request.get_signed_cookie(PIN_COOKIE, salt=PIN_COOKIE,
                                  max_age=settings.REPLICA_PIN_SECONDS)
    except (KeyError, BadSignature):
        return False
    return True


# -- the replica's health ---------------------------------------------------------------------
@dataclass
class _Health:
    usable: bool = False
    checked_at: float = float("-inf")
    lag_seconds: float | None = None


_health = _Health()
_health_lock = threading.Lock()

LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
       END
"""


def replica_lag_seconds() -> float | None:
    """The replica's replay lag in seconds (0 when it has replayed all it received), or None
    when it does not answer. Asked on a connection of its own (application_name
    coopmart-replica-check), so the replica's pg_stat_activity shows the web's routed reads
    apart from these checks."""
    import psycopg

    params = settings.DATABASES[REPLICA]
    try:
        with psycopg.connect(host=params["HOST"] or None, port=params["PORT"] or None,
                             user=params["USER"] or None, password=params["PASSWORD"] or None,
                             dbname=params["NAME"], connect_timeout=2,
                             application_name="coopmart-replica-check") as conn:
            in_recovery, lag = conn.execute(LAG_SQL).fetchone()
        return float(lag) if in_recovery else 0.0
    except Exception as error:  # down, refused, restarting: any failure means "not now"
        logger.warning("replica not usable: %s", error)
        return None


def replica_usable(*, now: float | None = None, force: bool = False) -> bool:
    now = time.monotonic() if now is None else now
    with _health_lock:
        if not force and now - _health.checked_at < settings.REPLICA_CHECK_SECONDS:
            return _health.usable
        _health.checked_at = now  # one thread checks; the others use the last answer
    lag = replica_lag_seconds()
    usable = lag is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS
    with _health_lock:
        if usable != _health.usable:
            logger.warning("replica %s (lag %s s)", "in use" if usable else "left alone", lag)
        _health.usable, _health.lag_seconds = usable, lag
    return usable


def forget_replica_health() -> None:
    with _health_lock:
        _health.usable, _health.checked_at, _health.lag_seconds = False, float("-inf"), None


def reads_for(request) -> str:
    """Where this request's reads go: the decision, without side effects but the cached
    health check."""
    if not request_is_storefront_read(request) or request_is_pinned(request):
        return PRIMARY
    return REPLICA if replica_usable() else PRIMARY


def _failed(response) -> bool:
    if response.status_code >= 500:
        return True
    return (response.get("Content-Type", "").startswith("application/json")
            and not getattr(response, "streaming", False) and b'"errors"' in response.content)


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = reads_for(request)
        response = self._answer(request, target)
        if target == REPLICA and _failed(response) and not replica_usable(force=True):
            # The replica went away under this read: answer it again from the primary.
            logger.warning("replica failed under %s %s; answered from the primary",
                           request.method, request.path)
            target = PRIMARY
            response = self._answer(request, PRIMARY)
        response["X-Read-From"] = "replica" if target == REPLICA else "primary"
        return response

    def _answer(self, request, target: str):
        reads_token, wrote_token = _reads_from.set(target), _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get() or not request_is_storefront_read(request) and request.method not in (
                    "GET", "HEAD", "OPTIONS"):
                response.set_signed_cookie(PIN_COOKIE, "1", salt=PIN_COOKIE,
                                           max_age=settings.REPLICA_PIN_SECONDS,
                                           httponly=True, samesite="Lax")
            return response
        finally:
            _reads_from.reset(reads_token)
            _wrote.reset(wrote_token)

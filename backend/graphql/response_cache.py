"""A one-second memory of public read answers (issue 20): the storefront's listing, product and
category queries asked again within a second are answered from this process's memory instead
of being executed again, the same bytes the execution gave.

Why it is safe without tracking every change:
- An answer is kept for RESPONSE_CACHE_SECONDS (1 s by default) and never longer, so a price,
  a publication or a member price a shopper sees is at most that old, whatever wrote it
  (a service, a bulk update, an import, the admin).
- Only queries whose every root field a domain declared public (`public_roots`) are kept;
  a document with a mutation, a personal root (`me`, `checkout`, `myOrders`) or a fragment at
  the root is executed every time.
- The key is everything the answer can depend on: the request body (document, variables), the
  host and cooperative header (the current cooperative, absolute photo URLs), the language,
  and who asks (a guest, or the signed-in person: member prices, a seller's drafts, staff
  views are never shared between people).
- Only a 200 answer without errors is kept.

Each web process keeps its own (bounded) memory; a second process answers from its own.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from graphql import FieldNode, OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLError

_public_roots: set[str] = {"__typename"}


def public_roots(*names: str) -> None:
    """Declared by a domain at start-up: root query fields whose answer depends only on the
    request's key (see the module's docstring)."""
    _public_roots.update(names)


@lru_cache(maxsize=1024)
def _only_public_roots(document: str, operation_name: str | None) -> bool:
    try:
        parsed = parse(document, no_location=True)
    except GraphQLError:
        return False
    operations = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if operation_name in (None, getattr(o.name, "value", None))]
    if len(chosen) != 1 or chosen[0].operation != OperationType.QUERY:
        return False
    selections = chosen[0].selection_set.selections
    return all(isinstance(s, FieldNode) and s.name.value in _public_roots for s in selections)


class _Memory:
    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, now: float) -> bytes | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[0] <= now:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry[1]

    def put(self, key: str, body: bytes, until: float) -> None:
        with self.lock:
            self.entries[key] = (until, body)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_memory = _Memory(size=512)


def response_key(request, data: dict) -> str | None:
    """The key of this request's answer, or None when it must be executed."""
    if settings.RESPONSE_CACHE_SECONDS <= 0 or request.method not in ("GET", "POST"):
        return None
    document = data.get("query")
    operation_name = data.get("operationName")
    if not isinstance(document, str) or not (operation_name is None
                                             or isinstance(operation_name, str)):
        return None
    if len(document) > 20_000 or not _only_public_roots(document, operation_name):
        return None
    body = request.body if request.method == "POST" else request.META.get(
        "QUERY_STRING", "").encode()
    who = request.user.pk if request.user.is_authenticated else 0
    parts = [body, request.get_host().encode(), request.headers.get("X-Cooperative", "").encode(),
             getattr(request, "LANGUAGE_CODE", "").encode(), str(who).encode()]
    return hashlib.blake2b(b"\0".join(parts), digest_size=20).hexdigest()


def remembered(key: str) -> bytes | None:
    return _memory.get(key, time.monotonic())


def remember(key: str, body: bytes) -> None:
    _memory.put(key, body, time.monotonic() + settings.RESPONSE_CACHE_SECONDS)


def forget_all() -> None:
    """For tests: start from an empty memory."""
    _memory.clear()

"""The read-routing decisions of backend/db_router.py, without a replica server: which
requests may read the replica, the write pin, the lag threshold and the cached check.
(The replica's health query is replaced here by a stand-in; tests/scale/ runs a real one.)"""

import json

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from backend import db_router
from backend.db_router import PRIMARY, REPLICA, ReplicaMiddleware, ReplicaRouter

rf = RequestFactory()


def graphql(query, **extra):
    return rf.post("/graphql/", data=json.dumps({"query": query}),
                   content_type="application/json", **extra)


@pytest.mark.parametrize("request_, expected", [
    (rf.get("/k/kopmart-serang/"), True),
    (rf.get("/k/kopmart-serang/produk/beras-5kg/"), True),
    (rf.get("/kategori/sembako/"), True),
    (rf.get("/cari/", {"q": "emping"}), True),
    (rf.head("/k/kopmart-serang/umkm/bu-sri/"), True),
    (rf.get("/k/kopmart-serang/keranjang/"), False),
    (rf.get("/k/kopmart-serang/bayar/"), False),
    (rf.get("/k/kopmart-serang/pesanan/"), False),
    (rf.get("/k/kopmart-serang/akun/"), False),
    (rf.get("/dasbor/"), False),
    (rf.get("/admin/"), False),
    (rf.post("/k/kopmart-serang/keranjang/tambah/"), False),
    (graphql("{ products(first: 5) { edges { node { name } } } }"), True),
    (graphql("query A { a: categories(first: 1) { totalCount } } query B { me { email } }"),
     True),
    (graphql("mutation { checkoutCreate(input: {}) { errors { code } } }"), False),
    (graphql("query Q { me { email } } mutation M { tokenCreate { token } }"), False),
    (graphql("{ not valid"), False),
    (rf.post("/graphql/", data="[]", content_type="application/json"), False),
    (rf.get("/graphql/", {"query": "{ categories(first: 1) { totalCount } }"}), True),
    (rf.get("/graphql/", {"query": "mutation { x }"}), False),
])
def test_which_requests_are_storefront_reads(request_, expected):
    assert db_router.request_is_storefront_read(request_) is expected


@pytest.fixture
def replica(monkeypatch):
    """A stand-in for the replica's health answer: lag in seconds, or None for down."""
    state = {"lag": 0.0, "checks": 0}

    def lag():
        state["checks"] += 1
        return state["lag"]

    monkeypatch.setattr(db_router, "replica_lag_seconds", lag)
    db_router.forget_replica_health()
    yield state
    db_router.forget_replica_health()


@override_settings(REPLICA_MAX_LAG_SECONDS=5, REPLICA_CHECK_SECONDS=2)
def test_a_lagging_or_down_replica_is_left_alone_checked_at_most_every_few_seconds(replica):
    assert db_router.replica_usable(now=100.0) is True
    replica["lag"] = 30.0
    assert db_router.replica_usable(now=101.0) is True  # the answer is kept for 2 s
    assert replica["checks"] == 1
    assert db_router.replica_usable(now=102.5) is False  # lagging past 5 s
    replica["lag"] = None
    assert db_router.replica_usable(now=105.0) is False  # down
    replica["lag"] = 1.0
    assert db_router.replica_usable(now=106.0) is False
    assert db_router.replica_usable(now=107.5) is True  # back and caught up
    assert replica["checks"] == 4


def _served(request, view):
    seen = {}

    def get_response(req):
        seen["read"] = ReplicaRouter().db_for_read(type("M", (), {"_meta": type(
            "Meta", (), {"app_label": "catalog"})}))
        return view(req)

    response = ReplicaMiddleware(get_response)(request)
    return seen["read"], response


def _read_view(_request):
    return HttpResponse("ok")


def _writing_view(_request):
    ReplicaRouter().db_for_write(None)
    return HttpResponse("saved")


@override_settings(REPLICA_PIN_SECONDS=10, REPLICA_CHECK_SECONDS=0)
def test_a_session_that_wrote_reads_the_primary_until_the_pin_ends(replica):
    read, response = _served(rf.get("/k/kopmart-serang/"), _read_view)
    assert (read, response["X-Read-From"]) == (REPLICA, "replica")
    assert db_router.PIN_COOKIE not in response.cookies

    read, response = _served(rf.post("/k/kopmart-serang/keranjang/tambah/"), _writing_view)
    assert read == PRIMARY
    pin = response.cookies[db_router.PIN_COOKIE]
    assert pin["max-age"] == 10

    pinned = rf.get("/k/kopmart-serang/")
    pinned.COOKIES[db_router.PIN_COOKIE] = pin.value
    assert _served(pinned, _read_view)[0] == PRIMARY

    forged = rf.get("/k/kopmart-serang/")
    forged.COOKIES[db_router.PIN_COOKIE] = "1"
    assert _served(forged, _read_view)[0] == REPLICA


@override_settings(REPLICA_CHECK_SECONDS=60)
def test_a_read_that_failed_on_a_replica_gone_away_is_answered_from_the_primary(replica):
    assert db_router.replica_usable() is True
    replica["lag"] = None  # it stops after the last check

    def view(_request):
        where = db_router._reads_from.get()
        return HttpResponse(status=500 if where == REPLICA else 200)

    response = ReplicaMiddleware(view)(rf.get("/k/kopmart-serang/"))
    assert (response.status_code, response["X-Read-From"]) == (200, "primary")
    assert db_router.replica_usable() is False


def test_writes_and_migrations_go_to_the_primary_and_sessions_are_read_there():
    router = ReplicaRouter()
    token = db_router._reads_from.set(REPLICA)
    try:
        session = type("M", (), {"_meta": type("Meta", (), {"app_label": "sessions"})})
        assert router.db_for_read(session) == PRIMARY
        assert router.db_for_write(None) == PRIMARY
    finally:
        db_router._reads_from.reset(token)
    assert router.allow_migrate(REPLICA, "catalog") is False
    assert router.allow_migrate(PRIMARY, "catalog") is True

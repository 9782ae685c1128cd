"""Every request has a time budget that really stops work (issue 14): PostgreSQL's
statement_timeout ends runaway SQL with a clean coded error, and a request past the web
budget ends its worker even in a threaded (gthread) gunicorn worker."""

import contextlib
import json
import time
import urllib.error
import urllib.request

import psycopg
import pytest
from django.db import connection
from graphql_relay import to_global_id

from backend.accounts.jwt import create_access_token
from backend.accounts.models import StaffMembership
from backend.accounts.permissions import Role
from tests.conftest import make_staff
from tests.web_server import web_server

UPDATE = 'mutation { staffMemberUpdate(id: "%s", role: MANAGER) { errors { code } } }'


@contextlib.contextmanager
def cooperative_row_locked(cooperative):
    """Another session holds the cooperative's row, as a long transaction would: staff changes
    wait for it (they take turns per cooperative)."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=False) as other:
        other.execute(f"SELECT 1 FROM {type(cooperative)._meta.db_table} WHERE id = %s "
                      "FOR UPDATE", [cooperative.pk])
        yield
        other.rollback()


def _cashier_id(cooperative) -> str:
    cashier = make_staff(cooperative, Role.CASHIER)
    return to_global_id("StaffMember", StaffMembership.objects.get(user=cashier).pk)


@pytest.mark.django_db
def test_web_connections_carry_the_statement_timeout(settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{settings.STATEMENT_TIMEOUT_MS // 1000}s"


def test_a_statement_past_the_timeout_is_a_clean_coded_error(transactional_db, gql, coop_a,
                                                             manager_a):
    staff_id = _cashier_id(coop_a)
    gql.login(manager_a)
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 300")
    try:
        with cooperative_row_locked(coop_a):
            body = gql.post(UPDATE % staff_id)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
    error = body["errors"][0]
    assert error["extensions"] == {"code": "REQUEST_TIMEOUT"}
    text = json.dumps(body).lower()
    assert "statement" not in text and "select" not in text and "traceback" not in text
    assert StaffMembership.objects.get(role=Role.CASHIER)  # nothing changed


def test_a_request_past_the_web_budget_ends_in_a_threaded_worker(transactional_db, coop_a,
                                                                  manager_a):
    staff_id = _cashier_id(coop_a)
    # 6 s: a fresh worker's first request (Django loading) takes seconds on a busy machine.
    with web_server(threads=4, WEB_REQUEST_TIMEOUT_SECONDS="6", STATEMENT_TIMEOUT_MS="0") as base:
        request = urllib.request.Request(
            base + "/graphql/", data=json.dumps({"query": UPDATE % staff_id}).encode(),
            headers={"Content-Type": "application/json",
                     "Authorization": f"Bearer {create_access_token(manager_a)}"})
        with cooperative_row_locked(coop_a):
            started = time.monotonic()
            with pytest.raises((urllib.error.URLError, ConnectionError)) as ended:
                urllib.request.urlopen(request, timeout=40)  # a TimeoutError fails the test
            elapsed = time.monotonic() - started
        assert "timed out" not in str(ended.value), "the request was never ended"
        assert elapsed < 25, f"ended after {elapsed:.0f} s"
        # A fresh worker serves the next request.
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.5)

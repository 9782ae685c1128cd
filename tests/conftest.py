"""Shared fixtures. The database and Redis are real: `./dev test` points DATABASE_URL and
REDIS_URL at the machine's services when set, and at embedded ones otherwise."""

import contextlib
import json
import time

import pytest
from django.core.cache import cache
from django.db import connections, transaction
from django.test import Client

from backend.accounts.models import StaffMembership, User
from backend.accounts.permissions import Role
from backend.cooperatives.models import Cooperative

PASSWORD = "Sandi-Rahasia-2026"


def _clear_cache():
    # Only our keys: the Celery broker may share the Redis database.
    if hasattr(cache, "_cache") and hasattr(cache._cache, "get_client"):
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _strict_error_codes():
    # A mutation raising a code its error enum does not declare fails the test instead of
    # answering INVALID (backend/graphql/core/errors.py), whatever DEBUG says.
    from django.conf import settings

    settings.GRAPHQL_STRICT_ERROR_CODES = True


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Sign-in throttling lives in the cache; each test starts with no failed tries.
    _clear_cache()
    yield
    _clear_cache()


class GraphQLClient:
    def __init__(self):
        self.client = Client()
        self.token: str | None = None
        self.headers: dict[str, str] = {}

    def login(self, user: User) -> "GraphQLClient":
        from backend.accounts.jwt import create_access_token

        self.token = create_access_token(user)
        return self

    def post(self, query: str, variables: dict | None = None, **headers) -> dict:
        extra = {**self.headers, **headers}
        if self.token:
            extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        response = self.client.post("/graphql/", json.dumps({"query": query,
                                                             "variables": variables or {}}),
                                    content_type="application/json", **extra)
        assert response.status_code in (200, 400), response.content[:500]
        return response.json()

    def upload(self, query: str, variables: dict, files: dict, **headers) -> dict:
        """A multipart request (GraphQL multipart spec): each file goes to `variables.<name>`."""
        extra = {**self.headers, **headers}
        if self.token:
            extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        names = list(files)
        data = {"operations": json.dumps({"query": query, "variables": variables}),
                "map": json.dumps({str(i): [f"variables.{n}"] for i, n in enumerate(names)})}
        data.update({str(i): files[n] for i, n in enumerate(names)})
        response = self.client.post("/graphql/", data, **extra)
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]

    def __call__(self, query: str, variables: dict | None = None, **headers) -> dict:
        """Run and return `data`, failing on any top-level GraphQL error."""
        body = self.post(query, variables, **headers)
        assert "errors" not in body, body["errors"]
        return body["data"]


@contextlib.contextmanager
def kept_for_module(django_db_blocker):
    """Data built once for a module of read-mostly tests, as Django's setUpTestData does: it
    lives in a transaction around the module's tests (each test's own changes are rolled
    back to a savepoint inside it) and is rolled back after the last one. Use it only in
    modules whose tests take `db`, not `transactional_db` (which would empty the tables)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def gql():
    return GraphQLClient()


def make_user(email=None, phone=None, password=PASSWORD, **extra) -> User:
    return User.objects.create_user(email=email, phone=phone, password=password, **extra)


def make_cooperative(slug: str, **fields) -> Cooperative:
    fields.setdefault("name", slug.replace("-", " ").title())
    return Cooperative.objects.create(slug=slug, **fields)


def make_staff(cooperative: Cooperative, role: str = Role.MANAGER, email=None) -> User:
    user = make_user(email=email or f"{role}-{cooperative.slug}@example.test")
    StaffMembership.objects.create(user=user, cooperative=cooperative, role=role)
    return user


@pytest.fixture
def coop_a(db):
    return make_cooperative("koperasi-a", host_names=["a.example.test"])


@pytest.fixture
def coop_b(db):
    return make_cooperative("koperasi-b", host_names=["b.example.test"])


@pytest.fixture
def manager_a(coop_a):
    return make_staff(coop_a, Role.MANAGER)


@pytest.fixture
def manager_b(coop_b):
    return make_staff(coop_b, Role.MANAGER)


@pytest.fixture
def operator(db):
    return make_user(email="operator@example.test", is_superuser=True, is_staff=True)


@pytest.fixture
def celery_worker_thread(transactional_db):
    """A real Celery worker (in a thread of this process) consuming the Redis broker."""
    from celery.contrib.testing.worker import start_worker

    from backend.celery import app

    app.control.purge()
    # Starting a worker gives this process's connections the jobs' longer statement timeout
    # (backend/celery.py); once the worker stops this process is the web side again.
    options = {c.alias: dict(c.settings_dict.get("OPTIONS", {})) for c in connections.all()}
    try:
        with start_worker(app, pool="solo", perform_ping_check=False,
                          shutdown_timeout=10) as worker:
            yield worker
    finally:
        for connection in connections.all():
            connection.close()
            connection.settings_dict["OPTIONS"] = options[connection.alias]


JOB_QUERY = """query($id: ID!) { job(id: $id) { kind state progress result errors { row field
    message } } }"""


def poll_job(api: GraphQLClient, job_id: str, seconds: float = 20) -> dict:
    """A saved job through `job(id:)`, once it is DONE or FAILED (a worker runs it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = api(JOB_QUERY, {"id": job_id})["job"]
        if job["state"] in ("DONE", "FAILED"):
            return job
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


from tests.emulators.fixtures import *  # noqa: E402,F403  (WhatsApp and SMS emulators)
from tests.fixtures_catalog import *  # noqa: E402,F403  (seller, product and photo fixtures)

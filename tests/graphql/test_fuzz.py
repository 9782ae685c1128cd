"""Schemathesis fuzzes every query and mutation of the real server (gunicorn, as `./dev run`
starts it), as a guest and as a manager: no answer is a server error, and none shows Python
or PostgreSQL internals. Bounded (FUZZ_EXAMPLES per operation) to stay near a minute."""

import json
import os
import re

import pytest

from backend.accounts.jwt import create_access_token
from tests.conftest import make_staff
from tests.web_server import web_server

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the test extras")
hypothesis = pytest.importorskip("hypothesis")

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1"))


def _register_our_scalars() -> None:
    """Values for the scalars schemathesis does not know (an Upload over JSON is a string the
    server must refuse cleanly)."""
    from hypothesis import strategies as st
    from schemathesis.graphql import nodes

    text = st.text(max_size=20)
    schemathesis.graphql.scalar("Upload", text.map(nodes.String))
    schemathesis.graphql.scalar("GenericScalar", text.map(nodes.String))
    schemathesis.graphql.scalar("JSONString", st.one_of(
        text, st.dictionaries(st.text(max_size=5), st.integers(), max_size=3).map(json.dumps)
    ).map(nodes.String))
    schemathesis.graphql.scalar("Decimal", st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-10**9, max_value=10**9
    ).map(str).map(nodes.String))
INTERNALS = re.compile(
    r"Traceback|File \"/|psycopg|django\.|\bSELECT\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|"
    r"violates .* constraint|relation \"|syntax error at or near|canceling statement|"
    r"IntegrityError|OperationalError|DataError|ProgrammingError|TypeError|KeyError|"
    r"AttributeError|IndexError|object has no attribute|NoneType|unexpected keyword argument|"
    r"missing \d+ required positional argument|invalid literal for int")


def _problems_of(response) -> list[str]:
    text = response.text
    problems = []
    if response.status_code >= 500:
        problems.append(f"HTTP {response.status_code}")
    match = INTERNALS.search(text)
    if match:
        problems.append(f"internals shown: {text[max(0, match.start() - 120):match.end() + 80]}")
    if '"INTERNAL_ERROR"' in text:
        problems.append(f"internal error: {text[:300]}")
    return problems


def _fuzz(base: str, headers: dict) -> dict[str, list[str]]:
    _register_our_scalars()
    schema = schemathesis.graphql.from_url(base + "/graphql/")
    found: dict[str, list[str]] = {}
    for result in schema.get_all_operations():
        operation = result.ok()

        @hypothesis.settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
                             derandomize=True, phases=[hypothesis.Phase.generate],
                             suppress_health_check=list(hypothesis.HealthCheck))
        @hypothesis.given(case=operation.as_strategy())
        def call(case):
            response = case.call(headers=headers, timeout=30)
            for problem in _problems_of(response):
                found.setdefault(case.operation.label, []).append(
                    f"{problem}\n  request: {case.body}"[:1200])

        call()
    return found


def test_no_server_errors_and_no_internals_for_guests_and_managers(transactional_db, coop_a):
    manager = make_staff(coop_a)
    with web_server(threads=4) as base:
        found = {f"guest {label}": problems
                 for label, problems in _fuzz(base, {}).items()}
        found |= {f"manager {label}": problems for label, problems in _fuzz(
            base, {"Authorization": f"Bearer {create_access_token(manager)}"}).items()}
    assert not found, "\n\n".join(f"{label}:\n" + "\n".join(problems[:2])
                                  for label, problems in sorted(found.items()))

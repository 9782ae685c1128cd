"""The real web server for tests that need one: gunicorn started exactly as `./dev run` starts
it (backend.stack.web_command, backend/gunicorn_conf.py), against the test database and
Redis. Use it from a `transactional_db` test, so what the test writes is committed and seen
by the server."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db import connection

from backend.stack import web_command

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _test_database_url() -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@contextlib.contextmanager
def web_server(threads: int = 2, **env: str) -> Iterator[str]:
    """Yields the server's base URL (http://127.0.0.1:PORT); stops it and its workers after."""
    port = _free_port()
    full_env = {**os.environ, "DATABASE_URL": _test_database_url(), **env}
    log_path = Path(os.environ.get("COOPMART_VAR_DIR", ROOT / "var")) / f"gunicorn-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115  (closed below; the server writes to it)
    process = subprocess.Popen(web_command("127.0.0.1", port, 1, threads), cwd=ROOT,
                               env=full_env, stdin=subprocess.DEVNULL, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, "gunicorn exited early"
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2):
                    break
            except (OSError, urllib.error.HTTPError):
                assert time.monotonic() < deadline, "gunicorn did not answer in time"
                time.sleep(0.3)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        print(log_path.read_text()[-3000:])  # shown by pytest when the test fails


def post_graphql(base: str, query: str, variables: dict | None = None, *, timeout: float = 60,
                 headers: dict | None = None) -> tuple[int, dict]:
    """POST a GraphQL request; (HTTP status, JSON body)."""
    request = urllib.request.Request(
        base + "/graphql/", data=json.dumps({"query": query, "variables": variables or {}})
        .encode(), headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)

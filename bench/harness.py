"""Shared benchmark harness: start coop-mart as `./dev run` does, drive it, print one line.

    with served(demo_size=10_000, web_workers=1) as base_url:
        figures = drive(base_url + "/graphql/", graphql_body(query), clients=8, requests=400)
    emit("catalog_listing", {...})

The server runs with its own embedded PostgreSQL and Redis under a temporary directory (or
the DATABASE_URL/REDIS_URL services when set), so a benchmark never touches var/.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.embedded import _free_port  # noqa: E402

_LAST_VAR_DIR: list[Path] = []


def last_var_dir() -> Path:
    """The data directory of the server `served` started last."""
    return _LAST_VAR_DIR[-1]


@contextlib.contextmanager
def served(*, demo_size: int = 0, web_workers: int = 1, keep_dir: str | None = None
           ) -> Iterator[str]:
    """Run `python -m backend.stack serve` and yield its base URL once /healthz is ok."""
    var_dir = Path(keep_dir or tempfile.mkdtemp(prefix="coopmart-bench-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    _LAST_VAR_DIR.append(var_dir)
    port = _free_port()
    env = {**os.environ, "COOPMART_VAR_DIR": str(var_dir), "DEBUG": "0",
           "ALLOWED_HOSTS": "*", "LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "backend.stack", "serve", "--port", str(port),
               "--web-workers", str(web_workers), "--worker-concurrency", "1",
               "--demo-size", str(demo_size)]
    log = open(var_dir / "bench-server.log", "w")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base_url, process, timeout=1800)
        yield base_url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_healthy(base_url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited before it was healthy; see bench-server.log")
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                if json.load(response)["status"] == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the server did not become healthy in time")


def django_against(var_dir: Path) -> None:
    """Set up Django in this process on the database of the server `served` started, to
    build bench data through the services or count SQL queries."""
    from urllib.parse import quote

    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = (
            f"postgres://postgres@{quote(str(var_dir / 'postgres'), safe='')}/coopmart")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    os.environ["COOPMART_VAR_DIR"] = str(var_dir)
    # The project's packages, not bench/'s scripts of the same name (bench/storefront.py).
    sys.path[:] = [str(ROOT)] + [p for p in sys.path
                                 if Path(p or ".").resolve() != Path(__file__).parent]
    import django

    django.setup()


def graphql_body(query: str, variables: dict | None = None) -> bytes:
    return json.dumps({"query": query, "variables": variables or {}}).encode()


def drive(url: str, body: bytes | Callable[[int], bytes], *, clients: int, requests: int,
          headers: dict[str, str] | None = None, warmup: int = 5) -> dict:
    """POST `body` `requests` times from `clients` keep-alive connections at once (a function
    of the request's number gives each request a body of its own)."""
    numbers = itertools.count()
    body_of = body if callable(body) else (lambda _number: body)
    parts = urlsplit(url)
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    per_client = max(1, requests // clients)

    def one_client():
        nonlocal failures
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        for index in range(per_client + warmup):
            started = time.perf_counter()
            connection.request("POST", parts.path, body=body_of(next(numbers)),
                               headers=all_headers)
            response = connection.getresponse()
            payload = response.read()
            elapsed = time.perf_counter() - started
            ok = response.status == 200 and b'"errors"' not in payload
            with lock:
                if index >= warmup:
                    latencies.append(elapsed)
                    failures += 0 if ok else 1
        connection.close()

    threads = [threading.Thread(target=one_client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "clients": clients,
        "requests": len(latencies),
        "failures": failures,
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
    }


def emit(name: str, figures: dict) -> None:
    print(json.dumps({"bench": name, **figures}), flush=True)

"""The run command and the embedded services it relies on, started and stopped for real."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

from backend.embedded import EmbeddedPostgres, EmbeddedRedis, _free_port

ROOT = Path(__file__).resolve().parents[2]


def _postgres_processes_for(data_dir: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        if process.info["name"] == "postgres" and str(data_dir) in cmdline:
            found.append(process)
    return found


def test_embedded_postgres_starts_stops_and_recovers_from_an_orphan(tmp_path):
    import psycopg

    data_dir = tmp_path / "pg"
    first = EmbeddedPostgres(data_dir, durable=False)
    first.start()
    first.ensure_database("coopmart")
    with psycopg.connect(host=str(first.socket_dir), user="postgres", dbname="coopmart") as conn:
        assert conn.execute("SELECT to_tsvector('indonesian', 'keripik pedas')").fetchone()
    # A run killed before it could stop its server leaves an orphan; the next start
    # stops it and starts cleanly on the same data.
    orphan_pid = first.postmaster_pid()
    second = EmbeddedPostgres(data_dir, durable=False)
    second.start()
    assert not psutil.pid_exists(orphan_pid) or psutil.Process(orphan_pid).status() == "zombie"
    second.stop()
    assert not second.is_running()
    assert _postgres_processes_for(data_dir) == []


def test_embedded_redis_starts_and_stops(tmp_path):
    import redis

    server = EmbeddedRedis(tmp_path / "redis", durable=False)
    server.start()
    client = redis.Redis.from_url(server.url())
    assert client.ping()
    pid = server.process.pid
    server.stop()
    assert not psutil.pid_exists(pid)


def _wait_for_health(url: str, process: subprocess.Popen, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("the run command exited early:\n" + process.stdout.read()[-4000:])
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.load(response)
        except OSError:
            time.sleep(0.5)
    raise AssertionError("the server did not answer /healthz in time")


def _run_command(var_dir: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "COOPMART_VAR_DIR"}}
    env["COOPMART_VAR_DIR"] = str(var_dir)
    return subprocess.Popen(
        [sys.executable, "-m", "backend.stack", "serve", "--port", str(port),
         "--web-workers", "1", "--worker-concurrency", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_run_command_serves_and_a_signal_stops_everything_it_started(tmp_path):
    """Stopped by SIGTERM (a process manager, a container, CI), then started again on the same
    data, which must come up cleanly, and stopped by SIGINT (Ctrl+C)."""
    var_dir = tmp_path / "var"
    for attempt, stop_signal in enumerate([signal.SIGTERM, signal.SIGINT]):
        port = _free_port()
        process = _run_command(var_dir, port)
        try:
            health = _wait_for_health(f"http://127.0.0.1:{port}/healthz", process)
            assert health["status"] == "ok", health
            assert "debug" not in health, "`./dev run` must run with DEBUG off"
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/graphql/",
                data=json.dumps({"query": '{ cooperative(slug: "kopmart-serang") { name } }'})
                .encode(), headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as response:
                body = json.load(response)
            assert body["data"]["cooperative"]["name"] == "Koperasi Konsumen Sejahtera Serang"
            children = psutil.Process(process.pid).children(recursive=True)
            process.send_signal(stop_signal)
            output, _ = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
        assert "Demo sign-ins" in output
        assert "stopped" in output
        assert _postgres_processes_for(var_dir / "postgres") == [], f"run {attempt}"
        alive = [c for c in children if c.is_running() and c.status() != "zombie"]
        assert alive == [], f"run {attempt} left {alive}"
        assert not (var_dir / "postgres" / "postmaster.pid").exists()

"""Start what coop-mart needs and stop all of it on every exit path.

    python -m backend.stack serve [--host H] [--port P] [--web-workers N] [--web-threads N]
    python -m backend.stack serve --scale [--web-processes N] [--celery-workers N]
    python -m backend.stack test [pytest arguments]

PostgreSQL and Redis come from the environment (DATABASE_URL, REDIS_URL) when set, and
otherwise run embedded under var/. `serve` then migrates, loads demo data on first start and
runs the web server, a Celery worker and Celery beat until Ctrl-C or SIGTERM. With --scale it
runs the at-scale shape instead (backend/scale.py, docs/scaling.md): nginx in front of N
gunicorn processes, a streaming replica of the embedded PostgreSQL for storefront reads,
several Celery workers (on RabbitMQ when CELERY_BROKER_URL=amqp://...) and beat once.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from backend.embedded import EmbeddedPostgres, EmbeddedRedis

ROOT = Path(__file__).resolve().parent.parent
DATABASE_NAME = "coopmart"


class Stop(Exception):
    """Raised in the main thread by SIGTERM/SIGINT so `finally` blocks run."""


def ignore_signals() -> None:
    """Once stopping, further signals must not interrupt the cleanup."""
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


def _raise_stop(signum, _frame):
    ignore_signals()
    raise Stop(signal.Signals(signum).name)


def install_signal_handlers() -> None:
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _raise_stop)


def log(message: str) -> None:
    print(f"[coop-mart] {message}", flush=True)


class VarDirBusy(Exception):
    pass


@contextlib.contextmanager
def exclusive(var_dir: Path) -> Iterator[None]:
    """Hold var_dir for this run. The lock dies with the process, so a server found running
    under a free lock is an orphan of a killed run and may be stopped."""
    var_dir.mkdir(parents=True, exist_ok=True)
    with open(var_dir / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise VarDirBusy(f"another coop-mart run is using {var_dir}") from None
        yield


@contextlib.contextmanager
def data_services(var_dir: Path, *, durable: bool = True, replica: bool = False
                  ) -> Iterator[dict[str, str]]:
    """Environment variables that point at a running PostgreSQL and Redis (and, with
    `replica`, a streaming replica of the embedded PostgreSQL: DATABASE_REPLICA_URL)."""
    with exclusive(var_dir), _data_services(var_dir, durable=durable, replica=replica) as env:
        yield env


@contextlib.contextmanager
def _data_services(var_dir: Path, *, durable: bool, replica: bool = False
                   ) -> Iterator[dict[str, str]]:
    env: dict[str, str] = {"COOPMART_VAR_DIR": str(var_dir)}
    started: list = []
    try:
        if os.environ.get("DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
            if os.environ.get("DATABASE_REPLICA_URL"):
                env["DATABASE_REPLICA_URL"] = os.environ["DATABASE_REPLICA_URL"]
        else:
            postgres = EmbeddedPostgres(var_dir / "postgres", durable=durable)
            log(f"starting embedded PostgreSQL in {postgres.data_dir}")
            started.append(postgres)
            postgres.start()
            postgres.ensure_database(DATABASE_NAME)
            env["DATABASE_URL"] = postgres.url(DATABASE_NAME)
            if replica:
                from backend.scale import EmbeddedReplica

                standby = EmbeddedReplica(var_dir / "replica", postgres)
                log(f"making a streaming replica in {standby.data_dir} (pg_basebackup)")
                started.append(standby)
                standby.start()
                env["DATABASE_REPLICA_URL"] = standby.url(DATABASE_NAME)
        if os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = os.environ["REDIS_URL"]
        else:
            redis = EmbeddedRedis(var_dir / "redis", durable=durable)
            log("starting embedded Redis")
            started.append(redis)
            redis.start()
            env["REDIS_URL"] = redis.url(1)
            env.setdefault("CELERY_BROKER_URL", redis.url(0))
        if os.environ.get("CELERY_BROKER_URL"):
            env["CELERY_BROKER_URL"] = os.environ["CELERY_BROKER_URL"]
        yield env
    finally:
        ignore_signals()
        for service in reversed(started):
            try:
                service.stop()
            except Exception as error:  # the others must still be stopped; say why
                log(f"stopping {type(service).__name__} failed: {error}")
        if started:
            log("embedded services stopped")


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    # Each child leads its own process group: gunicorn's and Celery's workers are in it.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


def _terminate(processes: list[subprocess.Popen], timeout: float = 15) -> None:
    for process in processes:
        if process.poll() is None:
            _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in processes:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        _signal_group(process, signal.SIGKILL)  # whatever of the group is left
        if process.poll() is None:
            process.wait()


def _die_with_parent() -> None:
    """In the child before exec: on Linux, get SIGTERM if the supervisor dies (even by
    SIGKILL), so no web server or worker outlives it."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def web_command(host: str, port: int, workers: int, threads: int = 4) -> list[str]:
    # Threads let one worker serve a request while another waits on the database.
    return [sys.executable, "-m", "gunicorn", "backend.wsgi:application",
            "--config", "python:backend.gunicorn_conf", "--bind", f"{host}:{port}",
            "--workers", str(workers), "--threads", str(threads),
            "--access-logfile", "-"]


def prepare_database(env: dict[str, str], *, demo_data: bool, demo_size: int = 0) -> None:
    log("migrating the database")
    _manage(env, "migrate", "--noinput", "-v", "0")
    if demo_data:
        _manage(env, "populatedb", "--if-empty", "--size", str(demo_size))


def start_process(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                            start_new_session=True, preexec_fn=_die_with_parent)


@contextlib.contextmanager
def processes(commands: dict[str, list[str]], env: dict[str, str]) -> Iterator[dict]:
    """Start each command in its own session (so Ctrl-C reaches only us); stop them all."""
    running: dict[str, subprocess.Popen] = {}
    try:
        for name, command in commands.items():
            running[name] = start_process(command, env)
        yield running
    finally:
        ignore_signals()
        _terminate(list(running.values()))


def serve(args: argparse.Namespace) -> int:
    var_dir = Path(os.environ.get("COOPMART_VAR_DIR", ROOT / "var")).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    with data_services(var_dir, replica=args.scale) as service_env:
        env = {**os.environ, **service_env}
        env["DEBUG"] = "1" if args.debug else env.get("DEBUG", "0")
        if not args.no_prepare:
            prepare_database(env, demo_data=not args.no_demo_data, demo_size=args.demo_size)
            _manage(env, "collectstatic", "--noinput", "-v", "0")
        if args.scale:
            return serve_scale(args, env, var_dir)
        commands = {
            "web": web_command(args.host, args.port, args.web_workers, args.web_threads),
            "worker": [sys.executable, "-m", "celery", "-A", "backend", "worker",
                       "--loglevel", "INFO", "--concurrency", str(args.worker_concurrency)],
            "beat": [sys.executable, "-m", "celery", "-A", "backend", "beat", "--loglevel",
                     "INFO", "--schedule", str(var_dir / "celerybeat-schedule")],
        }
        with processes(commands, env) as running:
            shown_host = "localhost" if args.host in ("0.0.0.0", "127.0.0.1") else args.host
            base = f"http://{shown_host}:{args.port}"
            log(f"store    {base}/k/kopmart-serang/   console {base}/dasbor/")
            log(f"GraphQL  {base}/graphql/")
            log(f"admin    {base}/admin/")
            log(f"health   {base}/healthz")
            log("demo sign-ins are listed above (populatedb); Ctrl-C stops everything")
            while True:
                for name, process in running.items():
                    if process.poll() is not None:
                        log(f"{name} exited with code {process.returncode}; stopping")
                        return 1
                time.sleep(0.5)


def celery_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "backend", *args]


def serve_scale(args: argparse.Namespace, env: dict[str, str], var_dir: Path) -> int:
    from backend.scale import ensure_nginx, nginx_command, nginx_conf, web_ports, write_shape

    nginx = ensure_nginx()
    if nginx is None:
        log("nginx is missing and cannot be installed here (needs root and apt-get)")
        return 1
    ports = web_ports(args.web_processes)
    conf = nginx_conf(var_dir / "nginx", listen=f"{args.host}:{args.port}", upstreams=ports)
    webs = {f"web-{n}": web_command("127.0.0.1", port, args.web_workers, args.web_threads)
            for n, port in enumerate(ports, start=1)}
    commands = {**webs, "nginx": nginx_command(nginx, conf)}
    # Named after the port: several shapes may share one broker (and its control messages).
    workers = [f"worker{n}.{args.port}@{socket.gethostname()}"
               for n in range(1, args.celery_workers + 1)]
    for n, worker in enumerate(workers, start=1):
        commands[f"worker-{n}"] = celery_command(
            "worker", "--loglevel", "INFO", "--hostname", worker,
            "--concurrency", str(args.worker_concurrency))
    # One beat for the whole shape, whatever the number of workers.
    commands["beat"] = celery_command("beat", "--loglevel", "INFO", "--schedule",
                                      str(var_dir / "celerybeat-schedule"))
    with processes(commands, env) as running:
        def shape() -> dict:
            return {"url": f"http://{args.host}:{args.port}",
                    "web": {name: {"port": port, "pid": running[name].pid}
                            for name, port in zip(webs, ports, strict=True)},
                    "nginx_pid": running["nginx"].pid,
                    "database_url": env["DATABASE_URL"],
                    "database_replica_url": env.get("DATABASE_REPLICA_URL", ""),
                    "replica_data_dir": str(var_dir / "replica"),
                    "celery_broker_url": env.get("CELERY_BROKER_URL", ""),
                    "celery_workers": workers}

        write_shape(var_dir, shape())
        log(f"at scale: nginx on {args.host}:{args.port} -> web processes on ports "
            f"{', '.join(map(str, ports))}; replica "
            f"{'on' if env.get('DATABASE_REPLICA_URL') else 'off'}; "
            f"{args.celery_workers} Celery workers on {_broker_kind(env)}; Ctrl-C stops all")
        while True:
            for name, process in list(running.items()):
                if process.poll() is None:
                    continue
                if name in webs:
                    # nginx sends requests to the others meanwhile; bring this one back.
                    log(f"{name} exited with code {process.returncode}; starting it again")
                    running[name] = start_process(webs[name], env)
                    write_shape(var_dir, shape())
                else:
                    log(f"{name} exited with code {process.returncode}; stopping")
                    return 1
            time.sleep(0.5)


def _broker_kind(env: dict[str, str]) -> str:
    return env.get("CELERY_BROKER_URL", "memory://").split(":", 1)[0]


CHROMIUM = Path("/usr/bin/chromium")


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium. Install it when it is missing and we may
    (root with apt-get); otherwise those tests skip and say why."""
    if CHROMIUM.exists():
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        log("chromium is missing and cannot be installed here (needs root and apt-get); "
            "browser tests will be skipped")
        return
    apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        log(f"installing the browser for the browser tests: {' '.join(command)}")
        if subprocess.run(command, env=apt).returncode != 0:
            log(f"{' '.join(command)} failed; browser tests will be skipped")
            return
    log(f"chromium installed at {CHROMIUM}" if CHROMIUM.exists()
        else "chromium did not install; browser tests will be skipped")


def run_tests(pytest_args: list[str]) -> int:
    ensure_chromium()
    var_dir = Path(os.environ.get("COOPMART_TEST_VAR_DIR", ROOT / "var" / "test")).resolve()
    try:
        return _run_tests_in(var_dir, pytest_args)
    except VarDirBusy:
        # Another test run holds var/test: run beside it in a directory of our own.
        scratch = Path(tempfile.mkdtemp(prefix="coopmart-test-"))
        log(f"var/test is in use by another run; using {scratch}")
        try:
            return _run_tests_in(scratch, pytest_args)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def _run_tests_in(var_dir: Path, pytest_args: list[str]) -> int:
    with data_services(var_dir, durable=False) as service_env:
        env = {**os.environ, **service_env, "COOPMART_VAR_DIR": str(var_dir),
               "COOPMART_FAST_PASSWORD_HASHING": "1",
               # A test changes something and reads it back at once; the one-second memory
               # of public answers is tested on its own (tests/graphql/test_response_cache.py).
               "RESPONSE_CACHE_SECONDS": os.environ.get("RESPONSE_CACHE_SECONDS", "0")}
        command = [sys.executable, "-m", "pytest", *side_by_side(pytest_args)]
        with processes({"pytest": command}, env) as run:
            return run["pytest"].wait()


def side_by_side(pytest_args: list[str]) -> list[str]:
    """One test process per core (pytest-xdist; each gets its own test database and Redis
    databases), a module's tests kept together so data built once per module is built once.
    `-n 0` (or any -n given) decides otherwise. At most 6: Redis has 16 databases."""
    if any(arg.startswith(("-n", "--numprocesses", "--dist")) or arg == "no:xdist"
           for arg in pytest_args):
        return pytest_args
    return ["-n", str(min(os.cpu_count() or 1, 6)), "--dist", "loadfile", *pytest_args]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    install_signal_handlers()
    parser = argparse.ArgumentParser(prog="python -m backend.stack")
    sub = parser.add_subparsers(dest="command", required=True)
    serve_parser = sub.add_parser("serve", help="run coop-mart")
    serve_parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve_parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve_parser.add_argument("--web-workers", type=int,
                              default=int(os.environ.get("WEB_WORKERS", "2")))
    serve_parser.add_argument("--web-threads", type=int,
                              default=int(os.environ.get("WEB_THREADS", "4")))
    serve_parser.add_argument("--worker-concurrency", type=int,
                              default=int(os.environ.get("WORKER_CONCURRENCY", "2")))
    serve_parser.add_argument("--scale", action="store_true",
                              help="nginx, several web processes, a read replica (issue 21)")
    serve_parser.add_argument("--web-processes", type=int,
                              default=int(os.environ.get("WEB_PROCESSES", "3")),
                              help="gunicorn processes behind nginx (--scale)")
    serve_parser.add_argument("--celery-workers", type=int,
                              default=int(os.environ.get("CELERY_WORKERS", "2")),
                              help="Celery worker processes (--scale)")
    serve_parser.add_argument("--no-demo-data", action="store_true")
    serve_parser.add_argument("--no-prepare", action="store_true",
                              help="the database is migrated and static files are collected "
                                   "already (tests): start at once")
    serve_parser.add_argument("--debug", action="store_true",
                              help="Django's DEBUG on (developers; keeps every SQL statement)")
    serve_parser.add_argument("--demo-size", type=int, default=0,
                              help="products to build on first start (benchmarks)")
    sub.add_parser("test", help="run the test suite", add_help=False)
    if argv and argv[0] == "test":
        command, rest = "test", argv[1:]
    else:
        parsed = parser.parse_args(argv)
        command, rest = parsed.command, parsed
    try:
        return run_tests(rest) if command == "test" else serve(rest)
    except Stop as stop:
        log(f"{stop} received; stopped")
        return 130 if str(stop) == "SIGINT" else 143
    except VarDirBusy as busy:
        log(f"{busy}; stop it first, or set COOPMART_VAR_DIR to another directory")
        return 1


if __name__ == "__main__":
    sys.exit(main())

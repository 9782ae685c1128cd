"""gunicorn settings shared by every way the web server starts (`./dev run`, the Dockerfile,
docker-compose): `gunicorn -c python:backend.gunicorn_conf backend.wsgi:application`.

A request has a time budget, WEB_REQUEST_TIMEOUT_SECONDS. gunicorn's own --timeout does not
enforce it for threaded (gthread) workers: the worker's heartbeat goes on while one thread is
stuck. So each worker runs a watchdog thread that ends the worker when one of its requests
has run past the budget; gunicorn then starts a fresh worker, as it does for a sync worker
past its timeout. PostgreSQL's statement_timeout (settings) ends runaway SQL before that.
"""

import os
import threading
import time

timeout = int(os.environ.get("WEB_REQUEST_TIMEOUT_SECONDS", "30"))
graceful_timeout = 10
# The control interface is unused; its default socket under $HOME is shared by every
# gunicorn on the machine (stopping one removed it for the others).
control_socket_disable = True

_running: dict[int, tuple[float, str]] = {}  # thread -> (start, request line)


def pre_request(worker, req):
    _running[threading.get_ident()] = (time.monotonic(), f"{req.method} {req.path}")


def post_request(worker, req, environ, resp):
    _running.pop(threading.get_ident(), None)


def overdue(now: float, limit: float) -> list[tuple[str, float]]:
    return [(line, now - start) for start, line in list(_running.values())
            if now - start > limit]


def _watch(worker) -> None:
    while True:
        time.sleep(1)
        late = overdue(time.monotonic(), timeout)
        if late:
            line, seconds = late[0]
            worker.log.error("%s ran %.0f s, past the %s s budget: ending worker %s",
                             line, seconds, timeout, os.getpid())
            # A thread cannot be stopped from outside; the process can. Its other requests
            # end too, as with a sync worker killed at its timeout.
            os._exit(1)


def post_worker_init(worker):
    threading.Thread(target=_watch, args=(worker,), name="request-watchdog",
                     daemon=True).start()

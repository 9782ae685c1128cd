"""The at-scale shape under load: 1, 2 and 3 web processes behind nginx (issue 21).

    .venv/bin/python bench/scale.py [--products 0] [--requests 300] [--clients 8]
                                    [--shoppers 4] [--flows 5]

Starts `python -m backend.stack serve --scale` (nginx, N gunicorn processes of one worker
and 4 threads each, a streaming replica, one Celery worker, beat) on one data directory, for
N = 1, 2, 3 in turn. For each: the storefront listing (GraphQL, 100 products, uncached:
RESPONSE_CACHE_SECONDS=0, read from the replica) from --clients keep-alive clients, and
checkout flows (create -> add 3 lines -> complete) from --shoppers shoppers. During the
checkouts of the last N it samples the replica's replay lag from the primary's
pg_stat_replication every 0.1 s. Prints one JSON line.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from checkout import ADD, COMPLETE, CREATE, Client, plenty_of_stock, stocked_variants
from harness import ROOT, _wait_healthy, django_against, drive, emit, graphql_body

from backend.embedded import _free_port

LISTING = """{ products(cooperative: "kopmart-serang", first: 100) { edges { node {
  name slug category { name } priceRange { start { amount formatted } } } } } }"""


def start(var_dir: Path, processes: int, demo_size: int, first: bool):
    port = _free_port()
    env = {**os.environ, "COOPMART_VAR_DIR": str(var_dir), "DEBUG": "0", "ALLOWED_HOSTS": "*",
           "LOG_LEVEL": "WARNING", "RESPONSE_CACHE_SECONDS": "0"}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "backend.stack", "serve", "--scale", "--port", str(port),
               "--web-processes", str(processes), "--web-workers", "1", "--web-threads", "4",
               "--celery-workers", "1", "--worker-concurrency", "1",
               "--demo-size", str(demo_size)]
    if not first:
        command.append("--no-prepare")
    log = open(var_dir / f"scale-{processes}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, process, timeout=1800)
    return process, url


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(90)
    except subprocess.TimeoutExpired:
        process.kill()


def checkouts(url: str, variants: list[str], shoppers: int, flows: int) -> dict:
    times, failures, lock = [], [], threading.Lock()

    def shopper(n):
        client = Client(url)
        for i in range(flows):
            began = time.perf_counter()
            token = client.call(CREATE % f"s{n}-{i}-{time.time_ns()}@bench.test")[
                "data"]["checkoutCreate"]["checkout"]["token"]
            client.call(ADD, {"t": token, "lines": [
                {"variantId": variants[(n + i + k) % len(variants)], "quantity": 1}
                for k in range(3)]})
            result = client.call(COMPLETE, {"t": token})["data"]["checkoutComplete"]
            with lock:
                times.append(time.perf_counter() - began)
                if result["errors"]:
                    failures.append(result["errors"])

    threads = [threading.Thread(target=shopper, args=(n,)) for n in range(shoppers)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    times.sort()
    return {"flows": len(times), "failures": len(failures),
            "checkouts_per_s": round(len(times) / wall, 2),
            "flow_p50_ms": round(statistics.median(times) * 1000, 1)}


class LagSampler(threading.Thread):
    """The replica's replay lag as the primary sees it (pg_stat_replication)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int]] = []
        self.done = threading.Event()

    def run(self):
        from django.db import connection

        while not self.done.is_set():
            with connection.cursor() as cursor:
                cursor.execute("SELECT COALESCE(EXTRACT(EPOCH FROM replay_lag), 0), "
                               "pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) "
                               "FROM pg_stat_replication")
                row = cursor.fetchone()
            if row:
                self.samples.append((float(row[0]), int(row[1])))
            time.sleep(0.1)
        connection.close()

    def figures(self) -> dict:
        if not self.samples:
            return {"samples": 0}
        seconds = sorted(s for s, _ in self.samples)
        lag_bytes = sorted(b for _, b in self.samples)
        return {"samples": len(seconds),
                "replay_lag_p50_ms": round(statistics.median(seconds) * 1000, 1),
                "replay_lag_max_ms": round(seconds[-1] * 1000, 1),
                "bytes_behind_max": lag_bytes[-1]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=0, help="0: the demo catalog")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--shoppers", type=int, default=4)
    parser.add_argument("--flows", type=int, default=5, help="per shopper")
    parser.add_argument("--processes", default="1,2,3")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="coopmart-bench-scale-"))
    results, lag, variants = {}, {}, []
    counts = [int(n) for n in args.processes.split(",")]
    for index, processes in enumerate(counts):
        process, url = start(var_dir, processes, args.products, first=index == 0)
        try:
            if index == 0:
                django_against(var_dir)
                plenty_of_stock()
                variants = stocked_variants(12)
            listing = drive(url + "/graphql/", graphql_body(LISTING), clients=args.clients,
                            requests=args.requests)
            sampler = LagSampler() if processes == counts[-1] else None
            if sampler:
                sampler.start()
            checkout = checkouts(url, variants, args.shoppers, args.flows)
            if sampler:
                sampler.done.set()
                sampler.join()
                lag = sampler.figures()
            results[str(processes)] = {
                "listing_requests_per_s": listing["requests_per_s"],
                "listing_p50_ms": listing["p50_ms"], "listing_p95_ms": listing["p95_ms"],
                "listing_failures": listing["failures"], **checkout}
        finally:
            stop(process)
    emit("scale", {"cores": os.cpu_count(), "load_average_1m": round(os.getloadavg()[0], 1),
                   "listing_clients": args.clients, "shoppers": args.shoppers,
                   "web_processes": results, "replica_lag_under_checkout": lag})


if __name__ == "__main__":
    main()

"""The at-scale shape, run for real once for this module (issue 21): `python -m backend.stack
serve --scale` with nginx in front of 3 gunicorn processes, 2 Celery workers (on the
machine's RabbitMQ when it answers, else on the test Redis), and a streaming replica of the
test PostgreSQL made with pg_basebackup from the embedded binaries.

The shape serves the test database (data committed here, emptied after the module, as
`transactional_db` does) so nothing has to be migrated or populated twice.
"""

import contextlib
import http.cookiejar
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from graphql_relay import to_global_id

from backend.embedded import EmbeddedPostgres, _free_port
from backend.scale import EmbeddedReplica, ensure_nginx

pytestmark = pytest.mark.django_db  # the test database, built before the shape starts
ROOT = Path(__file__).resolve().parents[2]
SLUG = "koperasi-skala"


def _rabbitmq() -> str | None:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 5672), 1):
        return "amqp://guest:guest@127.0.0.1:5672//"
    return None


def _embedded_primary() -> EmbeddedPostgres | None:
    """The embedded cluster the test database lives in (a replica needs its binaries)."""
    host = unquote(urlsplit(os.environ.get("DATABASE_URL", "")).hostname or "")
    var_dir = Path(os.environ.get("COOPMART_VAR_DIR", ROOT / "var"))
    primary = EmbeddedPostgres(var_dir / "postgres")
    if not (primary.data_dir / "PG_VERSION").exists() or not primary.is_running():
        return None
    primary.socket_dir = Path(host) if host.startswith("/") else primary.data_dir
    return primary


def _wait(url: str, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert process.poll() is None, f"serve --scale exited: {log.read_text()[-3000:]}"
        with contextlib.suppress(OSError, urllib.error.HTTPError):
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        assert time.monotonic() < deadline, f"shape not up: {log.read_text()[-3000:]}"
        time.sleep(0.2)


def _build_shop() -> dict:
    from catalog.models import Product, ProductStatus, Seller, SellerStatus
    from catalog.services import products
    from inventory.models import Location
    from inventory.services import stock_receive
    from tests.conftest import make_cooperative, make_user

    coop = make_cooperative(SLUG)
    seller = Seller.objects.create(
        cooperative=coop, owner=make_user(email="bu.sri@skala.test"), slug="dapur-bu-sri",
        business_name="Dapur Bu Sri", owner_name="Sri", phone="+6281211110000",
        status=SellerStatus.APPROVED)
    product = products.product_create(
        seller, {"name": "Keripik Tempe Sagu", "description": "<p>Gurih</p>"},
        [{"sku": "KTS-200", "price": 15000, "weight_grams": 200}])
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.PUBLISHED)
    store = Location.objects.create(cooperative=coop, name="Gerai Desa", code="gerai")
    variant = product.variants.get()
    stock_receive(variant, store, 50)
    return {"product_slug": product.slug, "variant": to_global_id("ProductVariant", variant.pk)}


@pytest.fixture(scope="module")
def shape(django_db_setup, django_db_blocker):
    nginx = ensure_nginx()
    if nginx is None:
        pytest.skip("nginx is not installed and cannot be (needs root and apt-get)")
    primary = _embedded_primary()
    if primary is None:
        pytest.skip("the replica is made with the embedded PostgreSQL's pg_basebackup; "
                    "this run uses another server (DATABASE_URL)")
    # Not under pytest's temporary tree: there, beside other side-by-side test processes,
    # pg_basebackup (run as PostgreSQL's system user) was once refused its own directory.
    var_dir = Path(tempfile.mkdtemp(prefix="coopmart-scale-"))
    with django_db_blocker.unblock():
        shop = _build_shop()
        database = connection.settings_dict["NAME"]
        replica = EmbeddedReplica(var_dir / "replica", primary)
        replica.start()
        port = _free_port()
        broker = _rabbitmq()
        queue = f"coopmart-scale-test-{os.getpid()}"
        url = f"http://127.0.0.1:{port}"
        primary_url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(
            path="/" + database))
        env = {**os.environ, "DATABASE_URL": primary_url,
               "DATABASE_REPLICA_URL": replica.url(database), "COOPMART_VAR_DIR": str(var_dir),
               "ALLOWED_HOSTS": "*", "REPLICA_CHECK_SECONDS": "0.5", "DEBUG": "0",
               "LOG_LEVEL": "WARNING", "CELERY_QUEUE": queue,
               **({"CELERY_BROKER_URL": broker} if broker else {})}
        log = var_dir / "serve.log"
        with open(log, "w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "backend.stack", "serve", "--scale", "--port", str(port),
                 "--web-processes", "3", "--web-workers", "1", "--web-threads", "2",
                 "--celery-workers", "2", "--worker-concurrency", "1", "--no-prepare"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait(url, process, log)
            described = json.loads((var_dir / "scale" / "shape.json").read_text())
            yield {**shop, "url": url, "replica": replica, "database": database,
                   "described": described, "log": log, "queue": queue,
                   "broker_url": broker or settings.CELERY_BROKER_URL}
        finally:
            process.send_signal(signal.SIGTERM)  # serve stops nginx, the web and the workers
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(60)
            process.kill()
            replica.stop()
            call_command("flush", interactive=False, verbosity=0)
            shutil.rmtree(var_dir, ignore_errors=True)


class Shopper:
    """A browser: keeps its cookies, talks to nginx."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.headers["X-Read-From"], response.read().decode()

    def graphql(self, query: str, variables: dict | None = None):
        request = urllib.request.Request(
            self.base + "/graphql/", data=json.dumps({"query": query,
                                                      "variables": variables or {}}).encode(),
            headers={"Content-Type": "application/json"})
        with self.opener.open(request, timeout=30) as response:
            body = json.loads(response.read())
            assert "errors" not in body, body
            return response.headers["X-Read-From"], body["data"]


CART = "query($t: UUID!) { checkout(token: $t) { lines { sku quantity } } }"


def _routed_reads_on_replica(shape) -> int:
    """Connections of the web processes (not the health checks) on the replica."""
    with psycopg.connect(host=str(shape["replica"].socket_dir), user="postgres",
                         dbname=shape["database"]) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'coopmart-web' "
            "AND datname = %s", [shape["database"]]).fetchone()[0]


def test_storefront_reads_are_served_by_the_replica(shape):
    shopper = Shopper(shape["url"])
    for _ in range(3):  # nginx sends them round the three web processes
        # A process that found the replica not yet caught up at start looks again within
        # REPLICA_CHECK_SECONDS; meanwhile it reads the primary, as it should.
        deadline = time.monotonic() + 15
        while True:
            status, read_from, page = shopper.get(f"/k/{SLUG}/produk/{shape['product_slug']}/")
            if read_from == "replica" or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert (status, read_from) == (200, "replica") and "Keripik Tempe Sagu" in page
    read_from, data = shopper.graphql(
        '{ products(first: 5, cooperative: "%s") { edges { node { name } } } }' % SLUG)
    assert read_from == "replica"
    assert data["products"]["edges"] == [{"node": {"name": "Keripik Tempe Sagu"}}]
    assert _routed_reads_on_replica(shape) >= 1
    with psycopg.connect(host=str(shape["replica"].socket_dir), user="postgres",
                         dbname=shape["database"]) as conn:
        assert conn.execute("SELECT pg_is_in_recovery()").fetchone()[0] is True


def test_checkout_through_nginx_and_the_shoppers_own_write_read_back_at_once(shape):
    shopper = Shopper(shape["url"])
    read_from, data = shopper.graphql(
        'mutation { checkoutCreate(cooperative: "%s", email: "pembeli@skala.test") '
        "{ checkout { token } errors { code } } }" % SLUG)
    assert read_from == "primary"
    token = data["checkoutCreate"]["checkout"]["token"]
    shopper.graphql("""mutation($t: UUID!, $v: ID!) { checkoutLinesAdd(token: $t,
        lines: [{variantId: $v, quantity: 2}]) { errors { code } } }""",
                    {"t": token, "v": shape["variant"]})
    # The same browser asks at once: pinned to the primary, it sees its two packs.
    read_from, data = shopper.graphql(CART, {"t": token})
    assert read_from == "primary"
    assert data["checkout"]["lines"] == [{"sku": "KTS-200", "quantity": 2}]
    # Another browser's catalog read still goes to the replica.
    assert Shopper(shape["url"]).get(f"/k/{SLUG}/")[1] == "replica"
    _, data = shopper.graphql("""mutation($t: UUID!) { checkoutComplete(token: $t) {
        order { number status total { formatted } } errors { field code } } }""", {"t": token})
    placed = data["checkoutComplete"]
    assert placed["errors"] == []
    assert placed["order"]["status"] == "UNPAID"
    assert placed["order"]["total"]["formatted"] == "Rp30.000"


def test_a_killed_web_process_does_not_stop_the_shop(shape):
    victim = shape["described"]["web"]["web-2"]["pid"]
    os.killpg(victim, signal.SIGKILL)
    shopper = Shopper(shape["url"])
    for _ in range(6):
        status, _, page = shopper.get(f"/k/{SLUG}/produk/{shape['product_slug']}/")
        assert status == 200 and "Keripik Tempe Sagu" in page
    _, data = shopper.graphql(
        'mutation { checkoutCreate(cooperative: "%s", email: "lagi@skala.test") '
        "{ checkout { token } errors { code } } }" % SLUG)
    assert data["checkoutCreate"]["errors"] == []


def test_reads_fall_back_to_the_primary_when_the_replica_stops(shape):
    shopper = Shopper(shape["url"])
    assert shopper.get(f"/k/{SLUG}/")[1] == "replica"
    shape["replica"].stop()
    for _ in range(4):  # every web process, each with a replica connection now dead
        status, read_from, page = shopper.get(f"/k/{SLUG}/produk/{shape['product_slug']}/")
        assert (status, read_from) == (200, "primary") and "Keripik Tempe Sagu" in page
    read_from, data = shopper.graphql(
        '{ products(first: 5, cooperative: "%s") { edges { node { name } } } }' % SLUG)
    assert read_from == "primary" and data["products"]["edges"]


def _celery(shape, *args: str) -> str:
    env = {**os.environ, "CELERY_BROKER_URL": shape["broker_url"], "CELERY_QUEUE": shape["queue"]}
    return subprocess.run([sys.executable, "-m", "celery", "-A", "backend", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120).stdout


def test_a_task_runs_on_the_brokers_workers(shape):
    names = shape["described"]["celery_workers"]
    replies = json.loads(_celery(shape, "inspect", "ping", "--timeout", "5", "--json",
                                 "--destination", ",".join(names)).strip().splitlines()[-1])
    assert sorted(replies) == sorted(names)
    task_id = _celery(shape, "call", "inventory.tasks.purge_expired_reservations").strip()
    deadline = time.monotonic() + 30
    while f"purge_expired_reservations[{task_id}] succeeded" not in shape["log"].read_text():
        assert time.monotonic() < deadline, "the task did not run"
        time.sleep(0.2)

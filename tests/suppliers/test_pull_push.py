"""Feeds pulled from a real HTTP server in the test (no internet here) on a real Celery
worker, retried with backoff; and pushed by the supplier with its secret token."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.test import Client

from suppliers.models import SupplierFeedSource, SupplierItem, SupplierSync
from suppliers.services.pull import FetchFailed, feed_pull, feed_source_update, pulls_due
from suppliers.tasks import pull_supplier_feed, run_due_supplier_pulls

FEED = ("kode;nama;isi;harga;stok\n"
        "S-BRS;Beras Premium 5kg;4;290.000;120\nS-GLA;Gula 1 kg;12;190.000;300\n")


class Server:
    body = FEED.encode()
    failures_left = 0
    requests = 0


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        Server.requests += 1
        if self.headers.get("X-Api-Key") != "rahasia":
            self.send_response(401)
            self.end_headers()
            return
        if Server.failures_left:
            Server.failures_left -= 1
            self.send_response(503)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.end_headers()
        self.wfile.write(Server.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_url():
    Server.body, Server.failures_left, Server.requests = FEED.encode(), 0, 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/harga.csv"
    server.shutdown()


@pytest.fixture
def source(distributor, feed_url):
    source, _token = feed_source_update(distributor, {
        "url": feed_url, "auth_header": "X-Api-Key: rahasia", "pull_enabled": True,
        "every_hours": 6})
    return source


@pytest.mark.django_db
def test_a_pull_applies_the_feed_and_is_due_again_after_its_hours(source, distributor):
    assert list(pulls_due()) == [source]
    sync = feed_pull(source)
    assert sync.status == "applied" and sync.source == "pull"
    assert SupplierItem.objects.filter(supplier=distributor).count() == 2
    source.refresh_from_db()
    assert source.last_success_at and source.consecutive_failures == 0
    assert list(pulls_due()) == []


@pytest.mark.django_db
def test_only_https_addresses(distributor):
    with pytest.raises(Exception, match="https"):
        feed_source_update(distributor, {"url": "http://example.com/feed.csv",
                                         "pull_enabled": True})


@pytest.mark.django_db
def test_a_failing_server_raises_for_a_retry_and_bad_rows_change_nothing(source, manager_a):
    Server.failures_left = 1
    with pytest.raises(FetchFailed, match="503"):
        feed_pull(source)
    feed_pull(source)
    Server.body = (FEED + "S-X;Teh;1;-;1\n").encode().replace(b"290.000", b"300.000")
    sync = feed_pull(source)
    assert sync.status == "rejected"
    assert SupplierItem.objects.get(supplier_sku="S-BRS").cost_per_pack == 290000


def _wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.worker
def test_the_worker_retries_with_backoff_until_the_server_answers(
        source, celery_worker_thread, settings):
    settings.PULL_RETRY_SECONDS = 1
    Server.failures_left = 2
    pull_supplier_feed.delay(source.pk)
    assert _wait_for(lambda: SupplierSync.objects.filter(status="applied").exists())
    assert Server.requests == 3
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.last_error == ""


@pytest.mark.worker
def test_the_manager_is_told_after_repeated_failures(source, manager_a, celery_worker_thread,
                                                     settings):
    settings.PULL_RETRY_SECONDS = 1
    Server.failures_left = 100
    assert run_due_supplier_pulls() == 1  # what beat runs; the pull goes to the worker
    assert _wait_for(lambda: SupplierFeedSource.objects.get(
        pk=source.pk).consecutive_failures == 4)
    assert _wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == [manager_a.email]
    assert "503" in mail.outbox[0].body
    assert SupplierItem.objects.count() == 0


@pytest.mark.django_db
def test_push_with_the_suppliers_secret_token(distributor, manager_a, messages_sent_at_once,
                                              django_capture_on_commit_callbacks):
    _source, token = feed_source_update(distributor, {"new_push_token": True})
    client = Client()
    wrong = client.post("/suppliers/feed/push", FEED, content_type="text/csv",
                        HTTP_AUTHORIZATION="Bearer salah")
    assert wrong.status_code == 401
    pushed = client.post("/suppliers/feed/push", FEED, content_type="text/csv",
                         HTTP_AUTHORIZATION=f"Bearer {token}")
    assert pushed.status_code == 200 and pushed.json()["counts"]["new"] == 2
    again = client.post("/suppliers/feed/push", FEED, content_type="text/csv",
                        HTTP_AUTHORIZATION=f"Bearer {token}")
    assert again.json()["counts"]["unchanged"] == 2
    bad = client.post("/suppliers/feed/push", FEED + "S-X;Teh;1;abc;1\n",
                      content_type="text/csv", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert bad.status_code == 422 and bad.json()["errors"][0]["row"] == 4
    assert SupplierSync.objects.filter(source="push").count() == 3
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):  # the manager hears once it commits
        dearer = client.post("/suppliers/feed/push", FEED.replace("290.000", "348.000"),
                             content_type="text/csv", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert dearer.json()["counts"]["flagged"] == 1
    assert mail.outbox[0].to == [manager_a.email]
    assert "S-BRS Beras Premium 5kg: Rp290.000 -> Rp348.000 (+20.0%)" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_push_larger_than_djangos_memory_limit_streams_through(distributor, settings):
    # The limit lowered from Django's 2.5 MB so 6,000 rows cross it (60,000 took 25 s).
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
    _source, token = feed_source_update(distributor, {"new_push_token": True})
    body = "kode;nama;isi;harga;stok\n" + "".join(
        f"S-{n:06d};Barang pemasok nomor {n} ukuran besar;12;{100000 + n};{n % 90}\n"
        for n in range(6_000))
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    pushed = Client().post("/suppliers/feed/push", body, content_type="text/csv",
                           HTTP_AUTHORIZATION=f"Bearer {token}")
    assert pushed.status_code == 200, pushed.content[:300]
    assert pushed.json()["counts"]["new"] == 6_000
    assert SupplierItem.objects.filter(supplier=distributor).count() == 6_000

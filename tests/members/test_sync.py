"""The register pulled from a real HTTP server on this machine (no internet here): the same
checks as an upload; a bad file changes nothing and the managers hear why."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail

from members.models import Member, MemberSyncSource
from members.services.sync import (
    FetchFailed,
    sync_failed,
    sync_run,
    sync_source_update,
    syncs_due,
)

pytestmark = pytest.mark.django_db

CSV = ("No. Anggota;Nama;No. HP;Status\n"
       "A-1;Siti Aminah;081210000001;anggota\nA-2;Budi;081210000002;anggota\n")


class Register:
    body = b""
    content_type = "text/csv"
    seen_headers: dict = {}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        Register.seen_headers = dict(self.headers)
        if self.path == "/pindah":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
            return
        if self.headers.get("Authorization") != "Bearer rahasia":
            self.send_response(401)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", Register.content_type)
        self.end_headers()
        self.wfile.write(Register.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def register_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/anggota"
    server.shutdown()


@pytest.fixture
def source(coop_a, register_server):
    return sync_source_update(coop_a, {"url": register_server, "format": "csv",
                                       "auth_header": "Authorization: Bearer rahasia",
                                       "full_sync": True})


def test_csv_pull_imports_and_later_deactivates_who_left(source, manager_a):
    Register.body = CSV.encode()
    report = sync_run(source)
    assert report.applied and sorted(report.created) == ["A-1", "A-2"]
    Register.body = CSV.splitlines()[0].encode() + b"\n" + CSV.splitlines()[1].encode()
    sync_run(source)
    assert Member.objects.get(member_number="A-2").is_active is False
    assert Member.objects.count() == 2
    source.refresh_from_db()
    assert source.last_success_at is not None and source.consecutive_failures == 0


def test_json_pull(source):
    Register.body = json.dumps({"anggota": [
        {"no_anggota": "J-1", "nama": "Asep", "no hp": "0813 2222 1111", "status": "anggota"},
    ]}).encode()
    MemberSyncSource.objects.filter(pk=source.pk).update(format="json")
    source.refresh_from_db()
    assert sync_run(source).applied
    assert Member.objects.get().phone == "+6281322221111"


def test_a_bad_file_changes_nothing_and_the_managers_are_told(
        source, manager_a, messages_sent_at_once, django_capture_on_commit_callbacks):
    Register.body = CSV.encode()
    sync_run(source)
    Register.body = (CSV + "A-3;Dewi;0812;status-aneh\n").encode()
    with django_capture_on_commit_callbacks(execute=True):  # sent through messaging
        report = sync_run(source)
    assert report.applied is False
    assert Member.objects.count() == 2
    assert mail.outbox[-1].to == [manager_a.email]
    assert "baris 4 status" in mail.outbox[-1].body
    source.refresh_from_db()
    assert source.consecutive_failures == 1 and source.last_error


def test_an_unreachable_source_is_reported_for_retry(source):
    MemberSyncSource.objects.filter(pk=source.pk).update(url="http://127.0.0.1:9/none")
    source.refresh_from_db()
    with pytest.raises(FetchFailed):
        sync_run(source)
    assert Member.objects.count() == 0


def test_a_wrong_auth_header_is_a_failure_not_an_empty_register(source):
    sync_source_update(source.cooperative, {"auth_header": "Authorization: Bearer salah"})
    source.refresh_from_db()
    with pytest.raises(FetchFailed, match="401"):
        sync_run(source)


def test_only_https_and_due_sources(coop_a, gql, manager_a):
    data = gql.login(manager_a)("""mutation { memberSyncSourceUpdate(cooperative: "koperasi-a",
        input: {url: "http://example.com/anggota.csv", everyHours: 6}) {
        errors { field code } } }""")["memberSyncSourceUpdate"]
    assert data["errors"] == [{"field": "url", "code": "INVALID"}]
    ok = gql("""mutation { memberSyncSourceUpdate(cooperative: "koperasi-a", input: {
        url: "https://sistem.koperasi-a.test/anggota.csv", everyHours: 6,
        authHeader: "X-Api-Key: 123"}) { source { url everyHours hasAuthHeader } errors { code } }
        }""")["memberSyncSourceUpdate"]
    assert ok["source"] == {"url": "https://sistem.koperasi-a.test/anggota.csv",
                            "everyHours": 6, "hasAuthHeader": True}
    assert [s.cooperative for s in syncs_due()] == [coop_a]


def test_redirects_and_private_addresses_are_refused(source, manager_a):
    MemberSyncSource.objects.filter(pk=source.pk).update(url=source.url.replace("anggota",
                                                                                "pindah"))
    source.refresh_from_db()
    with pytest.raises(FetchFailed, match="302"):
        sync_run(source)
    MemberSyncSource.objects.filter(pk=source.pk).update(url="https://10.1.2.3/anggota.csv")
    source.refresh_from_db()
    assert sync_run(source) is None
    source.refresh_from_db()
    assert source.last_error == "Alamat ini mengarah ke jaringan privat."
    assert Member.objects.count() == 0


def test_an_unreachable_source_is_told_once_on_the_third_failure_in_a_row(
        source, manager_a, messages_sent_at_once, django_capture_on_commit_callbacks):
    """One failure-mail rule with supplier pulls (backend.remote.pull_failed)."""
    MemberSyncSource.objects.filter(pk=source.pk).update(url="http://127.0.0.1:9/none")
    source.refresh_from_db()
    for _ in range(4):
        with pytest.raises(FetchFailed) as failed:
            sync_run(source)
        with django_capture_on_commit_callbacks(execute=True):
            sync_failed(source, str(failed.value))
    assert [m.to for m in mail.outbox] == [[manager_a.email]]
    source.refresh_from_db()
    assert source.consecutive_failures == 4

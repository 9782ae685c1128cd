"""The manager console: today's work, orders, members import, payouts, reports, staff, and
nobody from another cooperative gets in."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from backend.accounts.models import StaffMembership
from inventory.models import Location, Stock
from inventory.services import available, stock_receive
from members.models import Member
from orders.models import Order, SellerPayout
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from tests.conftest import make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, manager_a):
    client.force_login(manager_a)
    return client


@pytest.fixture
def order(coop_a, published):
    store = Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")
    stock_receive(published.variants.get(), store, 4)
    shopper = make_user(email="siti@example.test", phone="+6281255556666")
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {published.variants.get().pk: 3})
    return checkout_complete(checkout, shopper)


def test_an_order_from_payment_to_hand_over_and_a_refund(manager, order, coop_a, published):
    today = manager.get("/kelola/koperasi-a/").content.decode()
    assert "Emping Melinjo Original" in today  # 1 left of 4: low stock
    listing = manager.get("/kelola/koperasi-a/pesanan/?status=unpaid").content.decode()
    assert order.number in listing and "Rp75.000" in listing
    url = f"/kelola/koperasi-a/pesanan/{order.number}/"
    manager.post(url + "aksi/mark_paid/")
    order.refresh_from_db()
    assert order.status == "paid"
    wrong = manager.post(url + "aksi/hand_over/", {"pickup_code": "000000" if
                                                   order.pickup_code != "000000" else "111111"},
                         follow=True)
    assert order.number in wrong.content.decode()
    order.refresh_from_db()
    assert order.status == "paid"
    manager.post(url + "aksi/lines_ready/")  # the store packed what the seller had not
    manager.post(url + "aksi/hand_over/", {"pickup_code": order.pickup_code})
    order.refresh_from_db()
    assert order.status == "completed"
    line = order.lines.get()
    bad = manager.post(url + "refund/", {f"line-{line.pk}": "9", "reason": "Retur"})
    assert bad.status_code == 302
    order.refresh_from_db()
    assert order.refunded_total == 0  # refused: more than was bought
    manager.post(url + "refund/", {f"line-{line.pk}": "1", "reason": "Retur", "restock": "1"})
    order.refresh_from_db()
    assert (order.status, order.refunded_total) == ("partly_refunded", 25000)
    stock = Stock.objects.get(variant=published.variants.get())
    assert (stock.on_hand, available(stock)) == (2, 2)
    history = manager.get(url).content.decode()
    assert "Rp25.000" in history


def _finished(client, response, seconds=20):
    """Follow an import job's page until the worker has finished it."""
    import time

    url = response["Location"]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = client.get(url)
        if page.context["job"].finished:
            return page
        assert '<meta http-equiv="refresh"' in page.content.decode()  # it updates itself
        time.sleep(0.1)
    raise AssertionError("the import did not finish")


@pytest.mark.worker
def test_member_import_runs_in_a_worker_check_first_then_apply(celery_worker_thread, coop_a,
                                                               manager_a):
    manager = Client()
    manager.force_login(manager_a)
    header = "No. Anggota;Nama;NIK;No. HP;Tanggal Masuk;Status\n"
    bad = (header + "A-1;Siti Aminah;3604011285000001;0812-1000-0001;2015-05-03;Anggota\n"
           "A-2;Budi;12;0812-1000-0002;2018-01-20;Anggota\n"
           "A-3;Ujang;;;kemarin;Anggota\n")
    started = manager.post("/kelola/koperasi-a/anggota/", {
        "file": SimpleUploadedFile("anggota.csv", bad.encode())})
    page = _finished(manager, started)
    report = page.context["report"]
    assert {e["row"] for e in report["errors"]} == {3, 4}
    text = page.content.decode()
    assert "Baris-baris ini bermasalah" in text and "Terapkan ke daftar anggota" not in text
    assert not Member.objects.exists()
    refused = manager.post("/kelola/koperasi-a/anggota/", {"apply": page.context["job_id"]})
    assert refused["Location"] == "/kelola/koperasi-a/anggota/"  # a file with errors: never
    fixed = bad.replace(";12;", ";3604011285000002;").replace("kemarin", "2020-07-01")
    page = _finished(manager, manager.post("/kelola/koperasi-a/anggota/", {
        "file": SimpleUploadedFile("anggota.csv", fixed.encode())}))
    assert not page.context["report"]["errors"] and len(page.context["report"]["created"]) == 3
    assert not Member.objects.exists()  # still only a check
    done = _finished(manager, manager.post("/kelola/koperasi-a/anggota/",
                                           {"apply": page.context["job_id"]}))
    assert done.context["report"]["applied"]
    assert sorted(Member.objects.values_list("member_number", flat=True)) == ["A-1", "A-2", "A-3"]
    found = manager.get("/kelola/koperasi-a/anggota/?q=Siti").content.decode()
    assert "Siti Aminah" in found and "3604011285000001" not in found  # no NIK on the page


def test_another_cooperative_cannot_see_an_import_job(client, coop_a, manager_a, manager_b,
                                                      django_capture_on_commit_callbacks):
    client.force_login(manager_a)
    started = client.post("/kelola/koperasi-a/anggota/", {
        "file": SimpleUploadedFile("anggota.csv", b"No. Anggota;Nama\nA-1;Siti\n")})
    job = started["Location"].rstrip("/").rsplit("/", 1)[-1]
    client.force_login(manager_b)
    assert client.get(f"/kelola/koperasi-b/anggota/impor/{job}/").status_code == 404
    assert client.get(f"/kelola/koperasi-a/anggota/impor/{job}/").status_code == 403


def test_payout_statements_and_reports_with_an_xlsx_export(manager, order, coop_a, seller):
    from orders.services.lifecycle import order_hand_over, order_mark_paid

    order_mark_paid(order, None)
    order.refresh_from_db()
    order.lines.update(fulfilment="ready")  # the seller packed it
    order_hand_over(order, None, pickup_code=order.pickup_code)
    page = manager.get("/kelola/koperasi-a/pembayaran-penjual/").content.decode()
    assert "Rp67.500" in page  # Rp75.000 less 10 % commission
    from django.utils import timezone

    manager.post("/kelola/koperasi-a/pembayaran-penjual/",
                 {"period_end": timezone.localdate().isoformat()})
    payout = SellerPayout.objects.get()
    assert payout.amount == 67500
    manager.post("/kelola/koperasi-a/pembayaran-penjual/", {"paid": payout.pk,
                                                            "reference": "TRF-9"})
    payout.refresh_from_db()
    assert (payout.status, payout.payment_reference) == ("paid", "TRF-9")

    report = manager.get("/kelola/koperasi-a/laporan/")
    assert report.context["report"].total == 75000
    assert report.context["report"].by_seller == [("Emping Bu Yati", 75000)]
    assert report.context["report"].non_member_total == 75000
    export = manager.get("/kelola/koperasi-a/laporan/?unduh=xlsx")
    book = load_workbook(io.BytesIO(export.content))
    sellers = [[c.value for c in row] for row in book.worksheets[2].rows]
    assert sellers[1] == ["Emping Bu Yati", 75000]


def test_staff_are_added_and_removed(manager, coop_a):
    manager.post("/kelola/koperasi-a/staf/", {"login": "kasir.baru@example.test",
                                              "role": "cashier", "full_name": "Dewi"})
    added = StaffMembership.objects.get(user__email="kasir.baru@example.test")
    assert added.role == "cashier"
    refused = manager.post("/kelola/koperasi-a/staf/", {"login": "", "role": "cashier"})
    assert refused.status_code == 400
    manager.post("/kelola/koperasi-a/staf/", {"remove": added.pk})
    assert not StaffMembership.objects.filter(pk=added.pk).exists()


CONSOLE_PAGES = ["", "tinjau/", "anggota/", "pesanan/", "pembayaran-penjual/", "laporan/",
                 "staf/"]


@pytest.mark.parametrize("page", CONSOLE_PAGES)
def test_another_cooperatives_manager_and_sellers_are_refused(page, coop_a, manager_b, seller,
                                                              order):
    for person in (manager_b, seller.owner):
        client = Client()
        client.force_login(person)
        assert client.get(f"/kelola/koperasi-a/{page}").status_code == 403, (person, page)
    client = Client()
    client.force_login(manager_b)
    assert client.get(f"/kelola/koperasi-a/pesanan/{order.number}/").status_code == 403
    assert client.post(f"/kelola/koperasi-a/pesanan/{order.number}/aksi/mark_paid/"
                       ).status_code == 403
    assert Order.objects.get(pk=order.pk).status == "unpaid"


def test_a_cashier_takes_payment_but_cannot_refund_or_manage_staff(coop_a, order):
    cashier = Client()
    cashier.force_login(make_staff(coop_a, "cashier"))
    assert cashier.get("/kelola/koperasi-a/pesanan/").status_code == 200
    assert cashier.get("/kelola/koperasi-a/staf/").status_code == 403
    cashier.post(f"/kelola/koperasi-a/pesanan/{order.number}/aksi/mark_paid/")
    assert cashier.post(f"/kelola/koperasi-a/pesanan/{order.number}/refund/",
                        {"reason": "x"}).status_code == 403
    order.refresh_from_db()
    assert (order.status, order.refunded_total) == ("paid", 0)

"""The savings pages: staff record a payment in the console (a double submit records once),
a member sees their own savings on the account page and nobody else's, payroll and RAT
downloads."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from backend.jobs.services import job_run
from members.models import Member, PatronageEntry
from reports.services.jobs import rat_pack_start
from savings.models import SavingsEntry
from savings.services.credit import credit_allow, credit_purchase
from savings.services.ledger import savings_deposit, savings_kinds_ensure
from tests.conftest import make_cooperative, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(module_db):
    coop = make_cooperative("kop-hal", host_names=["hal.example.test"])
    siti_user = make_user(email="siti@hal.test")
    siti = Member.objects.create(cooperative=coop, member_number="H-1", full_name="Siti",
                                 status="anggota", user=siti_user)
    budi = Member.objects.create(cooperative=coop, member_number="H-2", full_name="Budi",
                                 status="anggota")
    kinds = savings_kinds_ensure(coop)
    savings_deposit(budi, kinds["sukarela"], 777000)
    credit_allow(budi, limit=100000, employer="Pabrik Gula")
    credit_purchase(budi, 60000, reference="ORD-H")
    PatronageEntry.objects.create(cooperative=coop, member=siti, fiscal_year=2025,
                                  amount=10000, reference="order:h")
    return {"coop": coop, "siti": siti, "siti_user": siti_user, "budi": budi, "kinds": kinds,
            "staff": make_staff(coop, "staff"), "manager": make_staff(coop)}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_record_a_payment_once_however_often_the_form_is_sent(world):
    staff = signed_in(world["staff"])
    page = staff.get("/kelola/kop-hal/simpanan/?anggota=H-1").content.decode()
    assert "Siti" in page and "Catat" in page or "Record" in page
    form = {"member": world["siti"].pk, "kind": world["kinds"]["wajib"].pk,
            "amount": "25.000", "channel": "cash", "key": "form-xyz"}
    for _ in range(2):
        staff.post("/kelola/kop-hal/simpanan/catat/", form)
    assert SavingsEntry.objects.filter(member=world["siti"]).count() == 1
    shown = staff.get("/kelola/kop-hal/simpanan/?anggota=H-1").content.decode()
    assert "Rp25.000" in shown
    ageing = staff.get("/kelola/kop-hal/simpanan/").content.decode()
    assert "H-2 Budi" in ageing and "Rp60.000" in ageing


def test_a_member_sees_only_their_own_savings(world):
    siti = signed_in(world["siti_user"])
    page = siti.get("/k/kop-hal/akun/simpanan/").content.decode()
    assert "Simpanan saya" in page or "My savings" in page
    assert "Rp777.000" not in page  # Budi's
    assert siti.get("/kelola/kop-hal/simpanan/").status_code == 403


def test_a_member_reports_a_transfer_for_staff_to_confirm(world):
    siti = signed_in(world["siti_user"])
    response = siti.post("/k/kop-hal/akun/simpanan/", {
        "amount": "25000", "transfer_reference": "BRI-555", "transferred_on": "2026-01-02"})
    assert response.status_code == 302
    staff_page = signed_in(world["staff"]).get("/kelola/kop-hal/simpanan/").content.decode()
    assert "BRI-555" in staff_page


def test_payroll_list_and_rat_pack_downloads(world):
    manager = signed_in(world["manager"])
    response = manager.get("/kelola/kop-hal/simpanan/potong-gaji/",
                           {"employer": "Pabrik Gula", "month": "2026-01"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "H-2" and rows[1][-1] == 60000
    job = job_run(str(rat_pack_start(world["coop"], world["manager"], year=2025,
                                     surplus=1_000_000).pk))
    pdf = manager.get(f"/kelola/kop-hal/simpanan/rat/{job.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert signed_in(world["staff"]).get(
        f"/kelola/kop-hal/simpanan/rat/{job.pk}/pdf/").status_code == 403  # no VIEW_REPORTS

"""The RAT pack of a small cooperative, checked against figures computed by hand (below);
every pool adds up to the rupiah; the PDF is opened and its text read back; the government
report and the operator's overview."""

import datetime
import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from backend.crypto import encrypt
from backend.jobs.services import job_run
from backend.kept_files import file_read
from members.models import Member, PatronageEntry
from reports.services.documents import rat_pdf
from reports.services.government import government_export, government_report, operator_overview
from reports.services.jobs import rat_pack_start
from reports.services.rat import rat_figures
from savings.models import EntryType
from savings.services.ledger import Movement, savings_kinds_ensure, savings_record
from tests.conftest import make_cooperative, make_staff

pytestmark = pytest.mark.django_db
D = datetime.date
SURPLUS = 10_000_000


@pytest.fixture(scope="module")
def world(module_db):
    coop = make_cooperative("kop-rat", legal_entity_number="AHU-0001")
    kinds = savings_kinds_ensure(coop)

    def person(number, name, status, joined, nik=""):
        return Member.objects.create(cooperative=coop, member_number=number, full_name=name,
                                     status=status, date_joined=joined,
                                     nik_encrypted=encrypt(nik) if nik else "")

    siti = person("R-1", "Siti", "anggota", D(2020, 1, 1), "3604014101900001")  # a woman
    budi = person("R-2", "Budi", "anggota", D(2025, 3, 1), "3604011203850002")  # a man
    rina = person("R-3", "Rina", "calon_anggota", D(2025, 6, 1))
    tono = person("R-4", "Tono", "keluar", D(2019, 1, 1))
    Member.objects.filter(pk=tono.pk).update(
        is_active=False, deactivated_at=datetime.datetime(2025, 9, 1, tzinfo=datetime.UTC))

    def move(member, code, kind, amount, day):
        savings_record(member, kinds[code], Movement(kind, amount, booked_on=day))

    move(siti, "pokok", EntryType.OPENING, 100000, D(2024, 12, 31))
    move(siti, "sukarela", EntryType.DEPOSIT, 30000, D(2024, 6, 1))
    move(siti, "wajib", EntryType.DEPOSIT, 10000, D(2025, 1, 15))
    move(siti, "wajib", EntryType.DEPOSIT, 10000, D(2025, 7, 15))
    move(siti, "sukarela", EntryType.WITHDRAWAL, 5000, D(2025, 5, 5))
    move(budi, "pokok", EntryType.DEPOSIT, 100000, D(2025, 3, 1))
    move(rina, "pokok", EntryType.DEPOSIT, 50000, D(2025, 6, 1))
    for n, (member, amount) in enumerate(((siti, 300000), (budi, 100000), (None, 50000),
                                          (rina, 20000))):
        PatronageEntry.objects.create(cooperative=coop, member=member, fiscal_year=2025,
                                      amount=amount, reference=f"order:{n}")
    return {"coop": coop, "figures": rat_figures(coop, 2025, surplus=SURPLUS),
            "manager": make_staff(coop)}


def test_membership_and_savings_by_kind(world):
    figures = world["figures"]
    m = figures["membership"]
    assert (m["start"], m["joined"], m["left"], m["end"]) == (2, 2, 1, 3)
    savings = {r["code"]: (r["start"], r["in"], r["out"], r["end"]) for r in figures["savings"]}
    assert savings == {"pokok": (100000, 150000, 0, 250000), "wajib": (0, 20000, 0, 20000),
                       "sukarela": (30000, 0, 5000, 25000)}
    assert figures["last_year"] == {"year": 2024, "members_end": 2, "savings_end": 130000,
                                    "sales_total": 0, "member_sales": 0}
    assert (figures["sales"]["members"], figures["sales"]["non_members"]) == (420000, 50000)


def test_the_shu_split_to_the_rupiah(world):
    shu = world["figures"]["shu"]
    assert shu["pools"] == {"reserve": 4_000_000, "jasa_anggota": 2_500_000,
                            "jasa_modal": 2_000_000, "board": 500_000, "staff": 500_000,
                            "education": 250_000, "social": 250_000}
    assert sum(shu["pools"].values()) == SURPLUS
    # Jasa anggota by purchases 300,000 : 100,000. Jasa modal by pokok + wajib at the twelve
    # month ends: Siti 6 x 110,000 + 6 x 120,000 = 1,380,000; Budi 10 x 100,000 = 1,000,000;
    # 2,000,000 x 1,380/2,380 = 1,159,663.87 and 840,336.13: the one rupiah left goes to the
    # larger remainder, Siti's. Rina (calon anggota) and Tono (left) share nothing.
    shares = {s["member_number"]: (s["jasa_anggota"], s["jasa_modal"], s["total"])
              for s in shu["shares"]}
    assert shares == {"R-1": (1_875_000, 1_159_664, 3_034_664),
                      "R-2": (625_000, 840_336, 1_465_336)}
    assert sum(s["jasa_modal"] for s in shu["shares"]) == shu["pools"]["jasa_modal"]


def test_the_pdf_reads_back_in_bahasa_indonesia(world):
    reader = PdfReader(io.BytesIO(rat_pdf(world["figures"])))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Laporan RAT Kop Rat tahun buku 2025", "Keanggotaan",
                     "Simpanan pokok", "Rp250.000", "Pembagian SHU", "Rp4.000.000",
                     "R-1", "Rp3.034.664", "Perbandingan dengan tahun 2024"):
        assert expected in text


def test_the_pack_runs_as_a_saved_job_with_pdf_and_xlsx(world):
    job = rat_pack_start(world["coop"], world["manager"], year=2025, surplus=SURPLUS)
    job = job_run(str(job.pk))
    assert job.state == "done", job.errors
    assert job.result["figures"]["shu"]["members_sharing"] == 2
    assert file_read(job.result["pdf"]).startswith(b"%PDF")
    book = load_workbook(io.BytesIO(file_read(job.result["xlsx"])))
    rows = list(book["SHU per anggota"].iter_rows(values_only=True))
    assert rows[1][0] == "R-1" and rows[1][-1] == 3_034_664


def test_government_report_and_operator_overview(world):
    report = government_report(world["coop"], 2025, surplus=SURPLUS)
    assert report["members"] == {"total": 2, "male": 1, "female": 1, "unknown": 0,
                                 "end_of_year": 3}
    assert report["own_capital"] == {"savings_pokok": 250000, "savings_wajib": 20000,
                                     "reserves": 0, "total": 270000}
    assert report["shu"] == SURPLUS and report["schema"] == "coop-mart/government-report/1"
    name, _type, content = government_export(report, "json")
    assert json.loads(content) == report and name.endswith(".json")
    overview = {r["slug"]: r for r in operator_overview(2025)}["kop-rat"]
    assert overview == {"cooperative": "Kop Rat", "slug": "kop-rat", "members": 2,
                        "savings": 295000, "member_sales": 420000, "non_member_sales": 50000}
    assert "Siti" not in json.dumps(operator_overview(2025))  # aggregates only


def test_the_api_starts_the_pack_and_answers_the_government_report(world):
    from tests.conftest import GraphQLClient, make_user

    manager = GraphQLClient().login(world["manager"])
    started = manager("""mutation { ratPackStart(cooperative: "kop-rat", year: 2025,
      surplus: 10000000) { job { kind state } errors { code } } }""")["ratPackStart"]
    assert started == {"job": {"kind": "rat_pack", "state": "WAITING"}, "errors": []}
    report = manager("""{ governmentReport(cooperative: "kop-rat", year: 2025,
      surplus: 10000000) }""")["governmentReport"]
    assert report["members"]["female"] == 1
    refused = manager("""mutation { shuPercentsSet(cooperative: "kop-rat",
      percents: {reserve: 50, jasa_anggota: 50, jasa_modal: 10}) { errors { code } } }""")
    assert refused["shuPercentsSet"]["errors"] == [{"code": "PERCENTS_NOT_100"}]
    body = GraphQLClient().login(make_user(email="x@rat.test")).post(
        "{ cooperativesOverview(year: 2025) }")
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

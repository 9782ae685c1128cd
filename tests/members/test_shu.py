"""The patronage ledger and the yearly SHU: shares add up to the pools to the rupiah."""

import base64
import datetime
import json

import pytest
from django.utils import timezone

from members.models import Member, ShuShare
from members.services.patronage import patronage_record, patronage_totals, split_exactly
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

YEAR = 2026
WHEN = timezone.make_aware(datetime.datetime(YEAR, 6, 1, 10))


def member(coop, number, pokok=100_000, wajib=0, **fields):
    return Member.objects.create(cooperative=coop, member_number=number, full_name=number,
                                 status="anggota", savings_pokok=pokok, savings_wajib=wajib,
                                 **fields)


def test_purchases_reversals_and_non_member_sales(coop_a):
    siti = member(coop_a, "A-1")
    patronage_record(coop_a, reference="order-1", amount=150_000, member=siti, when=WHEN)
    patronage_record(coop_a, reference="order-1", amount=150_000, member=siti, when=WHEN)
    patronage_record(coop_a, reference="order-2", amount=80_000, member=siti, when=WHEN)
    patronage_record(coop_a, reference="order-2:refund-1", amount=-30_000, member=siti,
                     when=WHEN)
    patronage_record(coop_a, reference="order-3", amount=55_000, member=None, when=WHEN)
    totals = patronage_totals(coop_a, YEAR)
    assert (totals.member_purchases, totals.non_member_sales,
            totals.members_with_purchases) == (200_000, 55_000, 1)


def test_split_is_exact_to_the_rupiah():
    shares = split_exactly(1_000_000, {1: 1, 2: 1, 3: 1})
    assert sorted(shares.values()) == [333_333, 333_333, 333_334]
    assert sum(split_exactly(7_777_777, {i: i * 37 for i in range(1, 200)}).values()) == \
        7_777_777


def test_shu_shares_follow_purchases_and_savings_and_add_up(gql, manager_a, coop_a):
    siti = member(coop_a, "A-1", pokok=100_000, wajib=900_000, user=make_user(email="s@x.test"))
    budi = member(coop_a, "A-2", pokok=100_000, wajib=400_000)
    ujang = member(coop_a, "A-3", pokok=0, wajib=0)
    calon = Member.objects.create(cooperative=coop_a, member_number="C-1", full_name="Calon",
                                  status="calon_anggota", savings_pokok=100_000)
    patronage_record(coop_a, reference="o1", amount=3_000_000, member=siti, when=WHEN)
    patronage_record(coop_a, reference="o2", amount=1_000_000, member=budi, when=WHEN)
    patronage_record(coop_a, reference="o3", amount=1_000_000, member=calon, when=WHEN)
    gql.login(manager_a)
    result = gql("""mutation { shuCalculate(cooperative: "koperasi-a", year: 2026,
        surplus: 10000001, reservePercent: "40", jasaAnggotaPercent: "25",
        jasaModalPercent: "20", otherPercent: "15") {
        calculation { id split shares(first: 10) { edges { node { member { memberNumber }
        purchases savings jasaAnggota jasaModal total } } } } errors { field code } } }""")
    payload = result["shuCalculate"]
    assert payload["errors"] == []

    split = json.loads(payload["calculation"]["split"])
    assert sum(split["pools"].values()) == 10_000_001
    shares = {e["node"]["member"]["memberNumber"]: e["node"]
              for e in payload["calculation"]["shares"]["edges"]}
    assert set(shares) == {"A-1", "A-2"}  # no purchases nor savings, or not yet anggota: none
    assert sum(s["jasaAnggota"] for s in shares.values()) == split["pools"]["jasa_anggota"]
    assert sum(s["jasaModal"] for s in shares.values()) == split["pools"]["jasa_modal"]
    # 3:1 purchases and 2:1 savings, to the rupiah after rounding
    assert abs(shares["A-1"]["jasaAnggota"] - 3 * shares["A-2"]["jasaAnggota"]) <= 3
    assert abs(shares["A-1"]["jasaModal"] - 2 * shares["A-2"]["jasaModal"]) <= 2
    assert not ShuShare.objects.filter(member=ujang).exists()

    exported = gql('mutation { shuExport(id: "%s") { filename content } }'
                   % payload["calculation"]["id"])["shuExport"]
    assert exported["filename"] == "shu-koperasi-a-2026.csv"
    assert "A-1" in base64.b64decode(exported["content"]).decode("utf-8-sig")
    mine = gql.login(siti.user)('{ myShuShares(cooperative: "koperasi-a") { total '
                                "calculation { fiscalYear } } }")["myShuShares"]
    assert mine == [{"total": shares["A-1"]["total"], "calculation": {"fiscalYear": 2026}}]


def test_the_split_must_add_up_to_100_and_sellers_cannot_calculate(gql, manager_a, seller):
    query = """mutation { shuCalculate(cooperative: "koperasi-a", year: 2026, surplus: 1000,
        reservePercent: "40", jasaAnggotaPercent: "40", jasaModalPercent: "40",
        otherPercent: "0") { errors { field code } } }"""
    assert gql.login(manager_a)(query)["shuCalculate"]["errors"] == [
        {"field": "percents", "code": "INVALID"}]
    denied = gql.login(seller.owner).post(query)
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_a_member_sees_only_their_own_share_through_every_path(gql, manager_a, coop_a):
    siti = member(coop_a, "A-1", wajib=900_000, user=make_user(email="s@x.test"),
                  phone="+6281200000001", address="Jl. Melati 1")
    member(coop_a, "A-2", wajib=400_000, phone="+6281200000002", address="Jl. Mawar 2")
    gql.login(manager_a)(
        """mutation { shuCalculate(cooperative: "koperasi-a", year: 2026, surplus: 1000000,
        reservePercent: "40", jasaAnggotaPercent: "25", jasaModalPercent: "20",
        otherPercent: "15") { errors { code } } }""")
    data = gql.login(siti.user)("""{ myShuShares(cooperative: "koperasi-a") { calculation {
        shares(first: 10) { totalCount edges { node { member { memberNumber phone address }
        savings } } } } } }""")
    shares = data["myShuShares"][0]["calculation"]["shares"]
    assert shares["totalCount"] == 1
    assert shares["edges"][0]["node"]["member"] == {"memberNumber": "A-1",
                                                    "phone": "+6281200000001",
                                                    "address": "Jl. Melati 1"}


def test_the_member_statement_page(client, gql, manager_a, coop_a):
    siti = member(coop_a, "A-1", wajib=900_000, user=make_user(email="siti@x.test"))
    patronage_record(coop_a, reference="o1", amount=3_000_000, member=siti, when=WHEN)
    gql.login(manager_a)(
        """mutation { shuCalculate(cooperative: "koperasi-a", year: 2026, surplus: 1000000,
        reservePercent: "40", jasaAnggotaPercent: "25", jasaModalPercent: "20",
        otherPercent: "15") { errors { code } } }""")
    client.force_login(siti.user)
    page = client.get("/akun/shu/").content.decode()
    assert "Koperasi A · 2026" in page
    assert "Rp3.000.000" in page and "Rp450.000" in page  # purchases; 250.000 + 200.000
    client.logout()
    assert client.get("/akun/shu/").status_code == 302

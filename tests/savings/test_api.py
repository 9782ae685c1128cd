"""The savings API: staff record, a member sees only their own, listings cost a constant
number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from members.models import Member
from savings.services.credit import credit_allow
from savings.services.dues_settings import dues_rate_set
from savings.services.ledger import savings_deposit, savings_kinds_ensure
from tests.conftest import GraphQLClient, make_cooperative, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(module_db):
    coop = make_cooperative("kop-api", host_names=["api.example.test"])
    dues_rate_set(coop, category="", amount=25000, valid_from="2020-01-01")
    siti_user, budi_user = make_user(email="siti@api.test"), make_user(email="budi@api.test")
    siti = Member.objects.create(cooperative=coop, member_number="A-1", full_name="Siti",
                                 user=siti_user, status="anggota", date_joined="2026-01-01",
                                 nik_last4="1234")
    budi = Member.objects.create(cooperative=coop, member_number="A-2", full_name="Budi",
                                 user=budi_user, status="anggota")
    kinds = savings_kinds_ensure(coop)
    for n in range(30):
        savings_deposit(budi, kinds["sukarela"], 1000 + n)
    credit_allow(siti, limit=300000)
    return {"coop": coop, "staff": make_staff(coop, "staff"), "siti": siti, "budi": budi,
            "siti_user": siti_user, "budi_user": budi_user, "kinds": kinds,
            "manager": make_staff(coop)}


DEPOSIT = """mutation($m: ID!, $k: ID!, $a: BigInt!, $ref: String) {
  savingsDeposit(member: $m, kind: $k, amount: $a, channel: TRANSFER, reference: $ref) {
    entry { amount { formatted } balanceAfter { amount } kind { code } }
    errors { field code message } } }"""
MINE = """query { memberSavings(cooperative: "kop-api") { total { formatted }
  balances { kind { code } balance { amount } }
  dues { tracked arrears { formatted } paidUntil } credit { limit { formatted } canBuy }
  member { memberNumber nik } } }"""


def gid(kind, obj):
    return to_global_id(kind, obj.pk)


def test_staff_record_dues_and_the_member_sees_them(world):
    staff = GraphQLClient().login(world["staff"])
    variables = {"m": gid("Member", world["siti"]), "k": gid("SavingsKind",
                                                             world["kinds"]["wajib"]),
                 "a": 50000, "ref": "BCA-100"}
    data = staff(DEPOSIT, variables, HTTP_X_COOPERATIVE="kop-api")["savingsDeposit"]
    assert data["errors"] == [] and data["entry"]["amount"]["formatted"] == "Rp50.000"
    again = staff(DEPOSIT, variables, HTTP_X_COOPERATIVE="kop-api")["savingsDeposit"]
    assert [e["code"] for e in again["errors"]] == ["DUPLICATE_PAYMENT"]
    mine = GraphQLClient().login(world["siti_user"])(MINE)["memberSavings"]
    assert mine["total"]["formatted"] == "Rp50.000"
    assert mine["credit"] == {"limit": {"formatted": "Rp300.000"}, "canBuy": True}
    assert mine["member"]["nik"] == "************1234"  # never the NIK itself
    assert mine["dues"]["tracked"] is True


def test_a_member_cannot_record_or_see_another_members_savings(world):
    siti = GraphQLClient().login(world["siti_user"])
    refused = siti.post(DEPOSIT, {"m": gid("Member", world["siti"]),
                                  "k": gid("SavingsKind", world["kinds"]["wajib"]), "a": 1000})
    assert refused["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    body = siti.post("""query($m: ID) { memberSavings(member: $m, cooperative: "kop-api") {
      total { amount } } savingsEntries(member: $m, cooperative: "kop-api", first: 5) {
      totalCount } }""", {"m": gid("Member", world["budi"])})
    assert body["data"]["memberSavings"] is None
    assert body["data"]["savingsEntries"]["totalCount"] == 0


def test_withdrawing_wajib_is_refused_with_its_code(world):
    manager = GraphQLClient().login(world["manager"])
    data = manager("""mutation($m: ID!, $k: ID!) { savingsWithdraw(member: $m, kind: $k,
      amount: 1000) { entry { amount { amount } } errors { field code } } }""",
                   {"m": gid("Member", world["budi"]),
                    "k": gid("SavingsKind", world["kinds"]["wajib"])})["savingsWithdraw"]
    assert data == {"entry": None, "errors": [{"field": "kind", "code": "NOT_WITHDRAWABLE"}]}


def test_a_ledger_page_costs_the_same_queries_whatever_its_size(world):
    budi = GraphQLClient().login(world["budi_user"])
    listing = """query($n: Int!) { savingsEntries(cooperative: "kop-api", first: $n) {
      totalCount edges { node { amount { formatted } balanceAfter { amount } bookedOn
      entryType kind { name } } } } }"""
    counts = []
    for size in (3, 30):
        with CaptureQueriesContext(connection) as captured:
            data = budi(listing, {"n": size})
        counts.append(len(captured))
    assert data["savingsEntries"]["totalCount"] == 30
    assert len(data["savingsEntries"]["edges"]) == 30
    assert counts[0] == counts[1]


def test_a_card_scan_at_the_till_shows_arrears_and_credit_left_only(world):
    from members.services.card import member_card_token

    cashier = GraphQLClient().login(make_staff(world["coop"], "cashier"))
    scan = cashier("""query($t: String!) { memberCardSavings(token: $t, cooperative: "kop-api") {
      memberNumber dues { arrears { amount } } credit { available { formatted } canBuy } } }""",
                   {"t": member_card_token(world["siti"])})["memberCardSavings"]
    assert scan["memberNumber"] == "A-1"
    assert scan["credit"] == {"available": {"formatted": "Rp300.000"}, "canBuy": True}
    assert scan["dues"]["arrears"]["amount"] > 0  # monthly dues since January 2026
    shopper = GraphQLClient().login(world["budi_user"]).post(
        """{ memberCardSavings(token: "x", cooperative: "kop-api") { memberNumber } }""")
    assert shopper["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

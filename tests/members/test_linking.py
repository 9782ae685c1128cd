"""A shopper proves a membership with a code sent to the member's phone; the member card."""

import datetime
import re

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from members.models import Member, MembershipClaim
from tests.conftest import make_staff, make_user

pytestmark = pytest.mark.django_db

CLAIM = """mutation($number: String!, $phone: String!) { membershipClaim(cooperative: "koperasi-a",
    memberNumber: $number, phone: $phone) { claimId errors { field code } } }"""
VERIFY = """mutation($claim: ID!, $code: String!) { membershipVerify(claimId: $claim, code: $code) {
    member { memberNumber fullName } errors { field code message } } }"""


@pytest.fixture(autouse=True)
def outbox(connected_coop, whatsapp_cloud, messages_sent_at_once):
    """Codes reach the member's WhatsApp (the Cloud API emulator, tests/emulators/)."""
    return whatsapp_cloud.inbox


@pytest.fixture
def siti(coop_a):
    return Member.objects.create(cooperative=coop_a, member_number="A-0001",
                                 full_name="Siti Aminah", phone="+6281210000001",
                                 status="anggota")


def claim(gql, number="A-0001", phone="0812-1000-0001"):
    with_callbacks = gql(CLAIM, {"number": number, "phone": phone})["membershipClaim"]
    return with_callbacks


def code_from(outbox) -> str:
    return re.search(r"\b(\d{6})\b", outbox[-1]["message"]).group(1)


def test_claim_then_verify_links_the_account(gql, siti, outbox,
                                             django_capture_on_commit_callbacks):
    shopper = make_user(email="siti@example.test")
    gql.login(shopper)
    with django_capture_on_commit_callbacks(execute=True):
        result = claim(gql)
    assert result["errors"] == []
    assert outbox[0]["phone"] == "+6281210000001"
    verified = gql(VERIFY, {"claim": result["claimId"], "code": code_from(outbox)})
    assert verified["membershipVerify"]["member"] == {"memberNumber": "A-0001",
                                                      "fullName": "Siti Aminah"}
    siti.refresh_from_db()
    assert siti.user == shopper
    me = gql("{ me { memberships { memberNumber cooperative { slug } } } }")["me"]
    assert me["memberships"] == [{"memberNumber": "A-0001", "cooperative": {"slug": "koperasi-a"}}]


def test_a_wrong_phone_looks_the_same_and_sends_nothing(gql, siti, outbox,
                                                        django_capture_on_commit_callbacks):
    gql.login(make_user(email="penipu@example.test"))
    with django_capture_on_commit_callbacks(execute=True):
        result = claim(gql, phone="0812-9999-9999")
    assert result["errors"] == [] and result["claimId"]
    assert outbox == []
    wrong = gql(VERIFY, {"claim": result["claimId"], "code": "123456"})["membershipVerify"]
    assert wrong["errors"][0]["code"] == "INVALID_CODE"


def test_wrong_codes_are_counted_and_run_out(gql, siti, outbox, settings,
                                             django_capture_on_commit_callbacks):
    gql.login(make_user(email="siti@example.test"))
    with django_capture_on_commit_callbacks(execute=True):
        claim_id = claim(gql)["claimId"]
    right = code_from(outbox)
    wrong = "000000" if right != "000000" else "111111"
    for left in range(settings.MEMBER_CODE_MAX_TRIES - 1, -1, -1):
        error = gql(VERIFY, {"claim": claim_id, "code": wrong})["membershipVerify"]["errors"][0]
        tries_left = re.search(r"\d+", error["message"])[0]
        assert (error["code"], tries_left) == ("INVALID_CODE", str(left))
    blocked = gql(VERIFY, {"claim": claim_id, "code": right})["membershipVerify"]
    assert blocked["errors"][0]["code"] == "TOO_MANY_TRIES"
    assert Member.objects.get().user is None


def test_an_expired_code_is_refused(gql, siti, outbox, django_capture_on_commit_callbacks):
    gql.login(make_user(email="siti@example.test"))
    with django_capture_on_commit_callbacks(execute=True):
        claim_id = claim(gql)["claimId"]
    MembershipClaim.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    result = gql(VERIFY, {"claim": claim_id, "code": code_from(outbox)})["membershipVerify"]
    assert result["errors"][0]["code"] == "CODE_EXPIRED"


def test_claims_are_limited_per_hour(gql, siti, settings):
    gql.login(make_user(email="siti@example.test"))
    for n in range(settings.MEMBER_CLAIMS_PER_HOUR):
        assert claim(gql, phone=f"0812-9999-999{n}")["errors"] == []
    assert claim(gql)["errors"] == [{"field": "memberNumber", "code": "TOO_MANY_TRIES"}]


def test_manager_links_and_unlinks_by_hand_and_unlinking_revokes_the_card(gql, siti, manager_a):
    owner = make_user(phone="+6281210000001")
    gql.login(manager_a)
    linked = gql('mutation { memberLink(id: "%s", login: "0812-1000-0001") { member { '
                 "linkedAccount { phone } } errors { code } } }" % to_global_id("Member", siti.pk))
    assert linked["memberLink"]["member"]["linkedAccount"] == {"phone": "+6281210000001"}
    card = gql.login(owner)('{ memberCard(cooperative: "koperasi-a") { token qrSvg '
                            "memberNumber } }")["memberCard"]
    assert card["qrSvg"].lstrip().startswith("<?xml") and "<svg" in card["qrSvg"]
    cashier = make_staff(siti.cooperative, "cashier")
    scan = '{ memberCardScan(cooperative: "koperasi-a", token: "%s") { memberNumber fullName '\
           "eligibleForMemberPrice } }" % card["token"]
    assert gql.login(cashier)(scan)["memberCardScan"] == {
        "memberNumber": "A-0001", "fullName": "Siti Aminah", "eligibleForMemberPrice": True}
    stranger = gql.login(make_user(email="x@example.test")).post(scan)
    assert stranger["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    gql.login(manager_a)('mutation { memberUnlink(id: "%s") { errors { code } } }'
                         % to_global_id("Member", siti.pk))
    revoked = gql.login(cashier).post(scan)
    assert revoked["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_manager_links_only_the_account_with_the_registers_phone_or_email(gql, siti,
                                                                           manager_a):
    make_user(email="orang.lain@example.test", phone="+6281277778888")
    result = gql.login(manager_a)(
        'mutation { memberLink(id: "%s", login: "orang.lain@example.test") { member { '
        "linkedAccount { email } } errors { field code } } }"
        % to_global_id("Member", siti.pk))["memberLink"]
    assert result == {"member": None, "errors": [{"field": "login", "code": "NOT_FOUND"}]}


def test_a_card_code_expires_and_can_be_revoked(gql, siti, settings):
    import datetime as dt

    owner = make_user(phone="+6281210000001")
    Member.objects.filter(pk=siti.pk).update(user=owner)
    cashier = make_staff(siti.cooperative, "cashier")
    token = gql.login(owner)('{ memberCard(cooperative: "koperasi-a") { token } }')[
        "memberCard"]["token"]
    scan = '{ memberCardScan(cooperative: "koperasi-a", token: "%s") { memberNumber } }' % token
    assert gql.login(cashier)(scan)["memberCardScan"] == {"memberNumber": "A-0001"}
    settings.MEMBER_CARD_TTL = dt.timedelta(seconds=-1)
    assert gql.post(scan)["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    settings.MEMBER_CARD_TTL = dt.timedelta(minutes=30)
    gql.login(owner)('mutation { memberCardRevoke(cooperative: "koperasi-a") { done } }')
    assert gql.login(cashier).post(scan)["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_many_accounts_cannot_flood_one_member_with_codes(gql, siti, settings, outbox,
                                                          django_capture_on_commit_callbacks):
    for n in range(settings.SEND_LIMIT_PER_PERSON):
        gql.login(make_user(email=f"akun{n}@example.test"))
        with django_capture_on_commit_callbacks(execute=True):
            assert claim(gql)["errors"] == []
    gql.login(make_user(email="akun-lagi@example.test"))
    assert claim(gql)["errors"] == [{"field": "memberNumber", "code": "TOO_MANY_REQUESTS"}]
    assert len(outbox) == settings.SEND_LIMIT_PER_PERSON


@pytest.mark.parametrize("number", ["A-0001", "A-9999"])
def test_a_real_and_a_fake_pair_answer_and_run_out_alike(gql, siti, number):
    """The probe: after claims on a real pair another account got TOO_MANY_TRIES, while a
    wrong pair still got a claim id, so the register could be probed."""
    answers = []
    for n in range(3):
        gql.login(make_user(email=f"akun{n}@example.test"))
        answers.append(claim(gql, number=number))
    assert [a["errors"] for a in answers] == [
        [], [{"field": "memberNumber", "code": "TOO_MANY_REQUESTS"}],
        [{"field": "memberNumber", "code": "TOO_MANY_REQUESTS"}]]
    assert answers[0]["claimId"] and answers[1]["claimId"] is None


def test_claims_are_limited_per_client_address(gql, siti, settings):
    settings.SEND_LIMIT_PER_ADDRESS = 2
    answers = []
    for n in range(3):
        gql.login(make_user(email=f"akun{n}@example.test"))
        answers.append(claim(gql, phone=f"0812-7777-777{n}")["errors"])
    assert answers == [[], [], [{"field": "memberNumber", "code": "TOO_MANY_REQUESTS"}]]


def test_one_account_per_member_per_cooperative(gql, siti, manager_a, coop_a):
    owner = make_user(email="dua@example.test", phone="+6281210000001")
    other = Member.objects.create(cooperative=coop_a, member_number="A-0002",
                                  full_name="Budi", status="anggota", user=owner)
    gql.login(manager_a)
    result = gql('mutation { memberLink(id: "%s", login: "dua@example.test") { errors { code } } }'
                 % to_global_id("Member", siti.pk))["memberLink"]
    assert result["errors"] == [{"code": "ALREADY_LINKED"}]
    assert Member.objects.get(pk=siti.pk).user is None
    assert other.user == owner

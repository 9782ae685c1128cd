"""Personal data under UU PDP 27/2022: exports logged, own data downloadable, erasure."""

import base64
import csv
import io

import pytest
from graphql_relay import to_global_id

from backend.crypto import encrypt, lookup_hash
from members.models import Member, PersonalDataAccess
from members.services.register import register_import
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def siti(coop_a):
    user = make_user(email="siti@example.test")
    return Member.objects.create(
        cooperative=coop_a, member_number="A-0001", full_name="Siti Aminah",
        nik_encrypted=encrypt("3604011285000001"), nik_hash=lookup_hash("3604011285000001"),
        nik_last4="0001", phone="+6281210000001", status="anggota", user=user,
        savings_wajib=1250000)


def test_register_export_masks_nik_unless_asked_and_is_logged(gql, manager_a, siti):
    gql.login(manager_a)
    masked = gql('mutation { memberExport(cooperative: "koperasi-a") { filename content } }')
    rows = list(csv.DictReader(io.StringIO(
        base64.b64decode(masked["memberExport"]["content"]).decode("utf-8-sig"))))
    assert rows[0]["NIK"] == "************0001" and rows[0]["Simpanan Wajib"] == "1250000"
    full = gql('mutation { memberExport(cooperative: "koperasi-a", includeNik: true) '
               "{ content } }")["memberExport"]["content"]
    assert "3604011285000001" in base64.b64decode(full).decode("utf-8-sig")
    logged = list(PersonalDataAccess.objects.order_by("pk").values_list("action", "detail"))
    assert logged == [("register_exported", "1 members, csv, NIK masked"),
                      ("register_exported", "1 members, csv, NIK full")]


def test_a_seller_cannot_export_the_register(gql, seller):
    body = gql.login(seller.owner).post(
        'mutation { memberExport(cooperative: "koperasi-a") { content } }')
    assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


def test_a_member_downloads_their_own_data(gql, siti):
    data = gql.login(siti.user)('{ myMemberData(cooperative: "koperasi-a") { filename '
                                "content } }")["myMemberData"]
    assert data["filename"] == "data-anggota-A-0001.json"
    import json

    content = json.loads(data["content"])
    assert content["nik"] == "3604011285000001"
    assert content["savings"]["wajib"] == 1250000
    assert PersonalDataAccess.objects.get().action == "own_data_downloaded"


def test_erasure_keeps_the_number_and_savings_and_imports_do_not_refill_it(gql, siti, coop_a):
    user = siti.user
    done = gql.login(user)('mutation { memberDataDeletionRequest(cooperative: "koperasi-a") '
                           "{ done errors { code } } }")["memberDataDeletionRequest"]
    assert done == {"done": True, "errors": []}
    siti.refresh_from_db()
    assert (siti.full_name, siti.phone, siti.nik_encrypted, siti.user) == (
        "Anggota A-0001 (dihapus)", "", "", None)
    assert siti.savings_wajib == 1250000 and siti.is_active is False
    report = register_import(coop_a, [(2, {"member_number": "A-0001",
                                           "full_name": "Siti Aminah",
                                           "phone": "081210000001"})], dry_run=False)
    assert report.applied
    siti.refresh_from_db()
    assert siti.full_name == "Anggota A-0001 (dihapus)" and siti.phone == ""
    assert gql("{ me { memberships { memberNumber } } }")["me"]["memberships"] == []
    assert gql.post('{ member(id: "%s") { fullName } }' % to_global_id(
        "Member", siti.pk))["data"]["member"] is None

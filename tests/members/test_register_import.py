"""Drawing in the member register: check first, apply all or nothing, never delete."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id
from openpyxl import Workbook

from backend.crypto import decrypt
from members.models import Member, MemberImport, PersonalDataAccess
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db

IMPORT = """mutation($file: Upload!, $dryRun: Boolean, $fullSync: Boolean,
                    $mapping: GenericScalar) {
  memberImport(cooperative: "koperasi-a", file: $file, dryRun: $dryRun, fullSync: $fullSync,
               mapping: $mapping) {
    result { applied rows created updated unchanged deactivated
             rowErrors { row field message } newMemberNumbers changedMemberNumbers
             deactivatedMemberNumbers record { id } }
    errors { field code } } }"""

REGISTER = (
    "No. Anggota;Nama;NIK;No. HP;Tanggal Masuk;Status;Kategori;Wajib s/d;Simpanan Pokok;"
    "Simpanan Wajib;Simpanan Sukarela\n"
    "A-0001;Siti Aminah;3604 0112 8500 0001;0812-1000-0001;03/05/2015;Anggota;Reguler;"
    "Okt 2026;Rp100.000;Rp1.250.000;Rp500.000\n"
    "A-0002;Budi Santoso;3604011285000002;081210000002;2018-01-20;anggota;Karyawan;"
    "2026-09;100000;900000;0\n"
    "A-0003;Ujang Sopandi;;;2020-07-01;Calon Anggota;;;;;\n"
)


def sheet(text=REGISTER, name="daftar-anggota.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def run(gql, file, dry_run=True, full_sync=False, mapping=None):
    return gql.upload(IMPORT, {"dryRun": dry_run, "fullSync": full_sync, "mapping": mapping},
                      {"file": file})["memberImport"]


def test_dry_run_then_apply_with_indonesian_headers(gql, manager_a, coop_a):
    gql.login(manager_a)
    preview = run(gql, sheet())["result"]
    assert preview["applied"] is False
    assert preview["newMemberNumbers"] == ["A-0001", "A-0002", "A-0003"]
    assert Member.objects.count() == 0
    applied = run(gql, sheet(), dry_run=False)["result"]
    assert applied["applied"] is True and applied["created"] == 3
    siti = Member.objects.get(member_number="A-0001")
    assert siti.phone == "+6281210000001"
    assert siti.date_joined == datetime.date(2015, 5, 3)
    assert siti.dues_paid_until == datetime.date(2026, 10, 31)
    assert (siti.savings_pokok, siti.savings_wajib, siti.savings_sukarela) == (
        100000, 1250000, 500000)
    assert siti.nik_last4 == "0001" and "3604" not in siti.nik_encrypted
    assert decrypt(siti.nik_encrypted) == "3604011285000001"
    assert Member.objects.get(member_number="A-0003").status == "calon_anggota"
    record = MemberImport.objects.filter(applied=True).get()
    assert (record.actor, record.filename, record.created) == (
        manager_a, "daftar-anggota.csv", 3)


def test_the_same_file_again_changes_nothing(gql, manager_a):
    gql.login(manager_a)
    run(gql, sheet(), dry_run=False)
    before = list(Member.objects.order_by("pk").values())
    again = run(gql, sheet(), dry_run=False)["result"]
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert list(Member.objects.order_by("pk").values()) == before


def test_bad_rows_are_reported_by_row_and_nothing_changes(gql, manager_a):
    gql.login(manager_a)
    run(gql, sheet(), dry_run=False)
    bad = (
        "No. Anggota;Nama;NIK;No. HP;Status\n"
        "A-0001;Siti Aminah Baru;3604011285000001;081210000001;anggota\n"
        "A-0004;Dewi;12345;081210000004;anggota\n"
        "A-0005;Rahmat;;0812;anggota\n"
        "A-0004;Dewi Lagi;;;anggota\n"
        "A-0006;Yusuf;;;pensiunan\n"
    )
    result = run(gql, sheet(bad), dry_run=False)["result"]
    assert result["applied"] is False
    problems = {(e["row"], e["field"]) for e in result["rowErrors"]}
    assert problems == {(3, "nik"), (4, "phone"), (5, "member_number"), (6, "status")}
    assert Member.objects.get(member_number="A-0001").full_name == "Siti Aminah"
    assert not Member.objects.filter(member_number="A-0005").exists()


def test_full_sync_deactivates_missing_members_and_never_deletes(gql, manager_a):
    gql.login(manager_a)
    run(gql, sheet(), dry_run=False)
    only_two = "\n".join(REGISTER.splitlines()[:3]) + "\n"
    result = run(gql, sheet(only_two), dry_run=False, full_sync=True)["result"]
    assert result["deactivatedMemberNumbers"] == ["A-0003"]
    ujang = Member.objects.get(member_number="A-0003")
    assert ujang.is_active is False and ujang.deactivated_at is not None
    assert Member.objects.count() == 3
    back = run(gql, sheet(), dry_run=False, full_sync=True)["result"]
    assert back["changedMemberNumbers"] == ["A-0003"]
    assert Member.objects.get(member_number="A-0003").is_active is True


def test_xlsx_with_a_column_mapping(gql, manager_a):
    workbook = Workbook()
    rows = workbook.active
    rows.append(["No Induk", "Nama Lengkap", "Telp", "Tgl Gabung"])
    rows.append(["B-77", "Neng Lilis", "085711112222", datetime.date(2019, 3, 4)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    gql.login(manager_a)
    result = run(gql, SimpleUploadedFile("anggota.xlsx", buffer.getvalue()), dry_run=False,
                 mapping={"member_number": "No Induk", "phone": "Telp",
                          "date_joined": "Tgl Gabung"})["result"]
    assert result["applied"] is True
    lilis = Member.objects.get(member_number="B-77")
    assert (lilis.phone, lilis.date_joined) == ("+6285711112222", datetime.date(2019, 3, 4))


def test_bulk_upsert_from_the_cooperatives_system(gql, manager_a):
    gql.login(manager_a)
    data = gql("""mutation { memberBulkUpsert(cooperative: "koperasi-a", members: [
        {memberNumber: "S-1", fullName: "Asep", phone: "0813 2222 1111", status: "anggota"},
        {memberNumber: "S-2", fullName: "Euis", nik: "123"}]) {
        result { applied rowErrors { row field } } errors { code } } }""")["memberBulkUpsert"]
    assert data["result"] == {"applied": False, "rowErrors": [{"row": 2, "field": "nik"}]}
    assert Member.objects.count() == 0


def test_nik_is_masked_and_an_unmasked_view_is_logged(gql, manager_a, coop_a):
    gql.login(manager_a)
    run(gql, sheet(), dry_run=False)
    siti = Member.objects.get(member_number="A-0001")
    query = '{ member(id: "%s") { nik masked: nik revealed: nik(reveal: true) } }' % (
        to_global_id("Member", siti.pk))
    data = gql(query)["member"]
    assert data["masked"] == "************0001"
    assert data["revealed"] == "3604011285000001"
    log = PersonalDataAccess.objects.get()
    assert (log.actor, log.member, log.action) == (manager_a, siti, "nik_viewed")


@pytest.mark.parametrize("who", ["staff", "cashier", "seller", "manager_b", "anonymous"])
def test_only_managers_read_the_register(gql, manager_a, coop_a, manager_b, seller, who):
    gql.login(manager_a)
    run(gql, sheet(), dry_run=False)
    users = {"staff": make_staff(coop_a, "staff"), "cashier": make_staff(coop_a, "cashier"),
             "seller": seller.owner, "manager_b": manager_b, "anonymous": None}
    client = gql.__class__()
    if users[who]:
        client.login(users[who])
    body = client.post('{ members(cooperative: "koperasi-a", first: 10) { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] in {"PERMISSION_DENIED",
                                                       "AUTHENTICATION_REQUIRED"}
    siti = Member.objects.get(member_number="A-0001")
    one = client.post('{ member(id: "%s") { fullName } }' % to_global_id("Member", siti.pk))
    assert one["data"]["member"] is None

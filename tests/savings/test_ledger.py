"""The savings ledger: balances are the sum of the entries after many random movements,
refused movements change nothing, entries cannot be changed, and the register's balances
become opening entries (and later imports corrections)."""

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, transaction

from members.models import Member
from members.services.register import register_import
from savings.models import EntryType, SavingsAccount, SavingsEntry
from savings.services.ledger import (
    Movement,
    balances_of,
    ledger_mismatches,
    savings_correct,
    savings_deposit,
    savings_kind_save,
    savings_kinds_ensure,
    savings_record,
    savings_transfer_on_leaving,
    savings_withdraw,
)
from tests.conftest import make_cooperative, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(module_db):
    coop = make_cooperative("kop-simpan")
    manager = make_staff(coop)
    members = [Member.objects.create(cooperative=coop, member_number=f"S-{i:03}",
                                     full_name=f"Anggota {i}", date_joined="2025-01-15")
               for i in range(12)]
    kinds = savings_kinds_ensure(coop)
    extra = savings_kind_save(coop, {"name": "Simpanan Hari Raya"})
    kinds[extra.code] = extra
    return {"coop": coop, "manager": manager, "members": members, "kinds": kinds}


def code_of(error: ValidationError, field: str) -> str:
    return error.error_dict[field][0].code


def test_random_movements_leave_balances_equal_to_entries(world):
    rng = random.Random(19)
    kinds = world["kinds"]
    expected = {(m.pk, code): 0 for m in world["members"] for code in kinds}
    refused = 0
    for step in range(2000):
        member = rng.choice(world["members"])
        code = rng.choice(list(kinds))
        kind = kinds[code]
        action = rng.random()
        amount = rng.randrange(1, 200) * 1000
        if action < 0.55:
            move = Movement(EntryType.DEPOSIT, amount, reference=f"kw-{step}" if step % 10
                            else "")
            change = amount
        elif action < 0.85:
            move = Movement(EntryType.WITHDRAWAL, amount)
            change = -amount
        else:
            change = rng.choice([-1, 1]) * amount
            move = Movement(EntryType.CORRECTION, change, reason="Salah ketik")
        allowed = (move.entry_type != EntryType.WITHDRAWAL or kind.withdrawable) and \
            expected[(member.pk, code)] + change >= 0
        try:  # a refusal undoes itself (savings_record's own transaction)
            savings_record(member, kind, move, actor=world["manager"], mirror=False)
        except ValidationError:
            assert not allowed
            refused += 1
            continue
        assert allowed
        expected[(member.pk, code)] += change
    assert 100 < refused < 1500  # both paths were exercised
    held = {(a.member_id, a.kind.code): a.balance
            for a in SavingsAccount.objects.filter(cooperative=world["coop"])
            .select_related("kind")}
    assert {k: v for k, v in expected.items() if v or k in held} == held
    assert ledger_mismatches(world["coop"]) == []
    call_command("check_savings_ledger")  # raises CommandError on any mismatch
    # Each entry's balance_after is the running sum of its account.
    running = {}
    for entry in SavingsEntry.objects.filter(cooperative=world["coop"]).order_by("pk"):
        running[entry.account_id] = running.get(entry.account_id, 0) + entry.amount
        assert entry.balance_after == running[entry.account_id]


def test_refusals_say_why_and_change_nothing(world):
    member, kinds = world["members"][0], world["kinds"]
    before = SavingsEntry.objects.count()
    with pytest.raises(ValidationError) as wajib:
        savings_withdraw(member, kinds["wajib"], 1000)
    assert code_of(wajib.value, "kind") == "not_withdrawable"
    with pytest.raises(ValidationError) as too_much:
        savings_withdraw(member, kinds["sukarela"], 10**12)
    assert code_of(too_much.value, "amount") == "insufficient_balance"
    with pytest.raises(ValidationError) as no_reason:
        savings_correct(member, kinds["pokok"], -5, reason=" ")
    assert code_of(no_reason.value, "reason") == "required"
    with pytest.raises(ValidationError) as zero:
        savings_deposit(member, kinds["pokok"], 0)
    assert code_of(zero.value, "amount") == "invalid"
    assert SavingsEntry.objects.count() == before


def test_the_same_payment_twice_counts_once(world):
    member, wajib = world["members"][1], world["kinds"]["wajib"]
    first = savings_deposit(member, wajib, 25000, idempotency_key="form-abc",
                            reference="BCA-7781")
    again = savings_deposit(member, wajib, 25000, idempotency_key="form-abc",
                            reference="BCA-7781")
    assert again.pk == first.pk
    with pytest.raises(ValidationError) as other_staff:
        savings_deposit(member, wajib, 25000, idempotency_key="form-def",
                        reference="BCA-7781")
    assert code_of(other_staff.value, "reference") == "duplicate_payment"
    assert balances_of(member)["wajib"] == 25000
    member.refresh_from_db()
    assert member.savings_wajib == 25000  # the register shows what the ledger says


def test_entries_cannot_be_changed_or_removed(world):
    member = world["members"][2]
    entry = savings_deposit(member, world["kinds"]["sukarela"], 5000)
    for change in (lambda: SavingsEntry.objects.filter(pk=entry.pk).update(amount=1),
                   lambda: SavingsEntry.objects.filter(pk=entry.pk).delete()):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            change()


def test_leaving_member_takes_everything_out(world):
    leaving, heir = world["members"][3], world["members"][4]
    savings_deposit(leaving, world["kinds"]["pokok"], 100000)
    savings_deposit(leaving, world["kinds"]["sukarela"], 40000)
    with pytest.raises(ValidationError):  # still a member
        savings_transfer_on_leaving(leaving, reason="Keluar")
    Member.objects.filter(pk=leaving.pk).update(status="meninggal")
    leaving.refresh_from_db()
    entries = savings_transfer_on_leaving(leaving, to_member=heir, reason="Kepada ahli waris")
    assert sorted(e.amount for e in entries) == [-100000, -40000, 40000, 100000]
    assert set(balances_of(leaving).values()) == {0}
    assert balances_of(heir)["pokok"] == 100000
    with pytest.raises(ValidationError) as closed:
        savings_deposit(leaving, world["kinds"]["sukarela"], 1000)
    assert code_of(closed.value, "member") == "member_inactive"


def register_rows(*rows):
    header = ["no_anggota", "nama", "simpanan pokok", "simpanan wajib", "simpanan sukarela",
              "wajib s/d", "tanggal masuk"]
    return [(n + 2, dict(zip(["member_number", "full_name", "savings_pokok", "savings_wajib",
                               "savings_sukarela", "dues_paid_until", "date_joined"], row,
                              strict=True)))
            for n, row in enumerate(rows)] if header else []


def test_register_balances_become_opening_entries_then_corrections(world):
    coop = world["coop"]
    report = register_import(coop, register_rows(
        ("R-1", "Siti", "100.000", "250.000", "0", "2026-06", "2024-01-02"),
        ("R-2", "Budi", "100.000", "0", "75000", "", "")), dry_run=False)
    assert report.applied and not report.errors
    siti = Member.objects.get(cooperative=coop, member_number="R-1")
    opening = SavingsEntry.objects.filter(member=siti).order_by("kind__code")
    assert [(e.kind.code, e.entry_type, e.amount) for e in opening] == [
        ("pokok", "opening", 100000), ("wajib", "opening", 250000)]
    assert opening.get(kind__code="wajib").settles_until == datetime.date(2026, 6, 30)
    # A later import with another balance: a correction, the opening entry stays.
    register_import(coop, register_rows(
        ("R-1", "Siti", "100.000", "275.000", "0", "2026-07", "2024-01-02"),
        ("R-2", "Budi", "100.000", "0", "75000", "", "")), dry_run=False)
    wajib = SavingsEntry.objects.filter(member=siti, kind__code="wajib").order_by("pk")
    assert [(e.entry_type, e.amount) for e in wajib] == [("opening", 250000),
                                                          ("correction", 25000)]
    siti.refresh_from_db()
    assert (siti.savings_wajib, siti.dues_paid_until) == (275000, datetime.date(2026, 7, 31))
    assert ledger_mismatches(coop) == []

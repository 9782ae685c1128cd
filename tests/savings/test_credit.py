"""Store credit (bon): the limit, overdue purchases, repayments, the ageing report and the
payroll deduction round trip (export to XLSX, the employer's file imported back as paid)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from members.models import Member
from savings.models import CreditEntry
from savings.services.credit import (
    credit_ageing,
    credit_allow,
    credit_ledger_mismatches,
    credit_purchase,
    credit_repay,
    credit_standing,
    credit_statement,
)
from savings.services.dues_settings import savings_settings_update
from savings.services.payroll import payroll_export, payroll_import
from tests.conftest import make_cooperative, make_staff

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(scope="module")
def world(module_db):
    coop = make_cooperative("kop-bon")
    manager = make_staff(coop)
    members = {n: Member.objects.create(cooperative=coop, member_number=n, full_name=name,
                                        status="anggota")
               for n, name in (("B-1", "Siti"), ("B-2", "Budi"), ("B-3", "Rina"),
                               ("B-4", "Joko"))}
    for number in ("B-1", "B-2", "B-3"):
        credit_allow(members[number], limit=500000, employer="PT Krakatau", actor=manager)
    return {"coop": coop, "manager": manager, "members": members}


def code(error, field):
    return error.value.error_dict[field][0].code


def test_buying_on_credit_up_to_the_limit_only(world):
    siti = world["members"]["B-1"]
    credit_purchase(siti, 300000, reference="ORD-1", today=D(2026, 3, 1))
    with pytest.raises(ValidationError) as over:
        credit_purchase(siti, 250000, reference="ORD-2", today=D(2026, 3, 2))
    assert code(over, "amount") == "over_limit"
    assert "Rp200.000" in str(over.value)
    credit_purchase(siti, 200000, reference="ORD-2", today=D(2026, 3, 2))
    with pytest.raises(ValidationError) as again:
        credit_purchase(siti, 1000, reference="ORD-2", today=D(2026, 3, 2))
    assert code(again, "reference") == "duplicate_payment"  # an order is paid once
    assert credit_standing(siti).available == 0
    with pytest.raises(ValidationError) as not_allowed:
        credit_purchase(world["members"]["B-4"], 1000, reference="ORD-3")
    assert code(not_allowed, "member") == "credit_not_allowed"


def test_an_overdue_purchase_stops_credit_until_paid(world):
    budi = world["members"]["B-2"]
    credit_purchase(budi, 100000, reference="ORD-10", today=D(2026, 1, 5))
    credit_purchase(budi, 50000, reference="ORD-11", today=D(2026, 2, 1))
    with pytest.raises(ValidationError) as overdue:  # 31 days after the 5th of January
        credit_purchase(budi, 10000, reference="ORD-12", today=D(2026, 2, 5))
    assert code(overdue, "member") == "credit_overdue"
    with pytest.raises(ValidationError) as too_much:
        credit_repay(budi, 150001, channel="cash")
    assert code(too_much, "amount") == "overpayment"
    credit_repay(budi, 100000, channel="cash", reference="KW-1")  # pays the oldest first
    credit_purchase(budi, 10000, reference="ORD-12", today=D(2026, 2, 5))
    statement = credit_statement(budi, D(2026, 1, 1), D(2026, 12, 31))
    assert (statement["opening"], statement["closing"]) == (0, 60000)


def test_ageing_buckets(world):
    rina = world["members"]["B-3"]
    savings_settings_update(world["coop"], {"credit_term_days": 365})  # never overdue here
    for n, day in enumerate((D(2026, 1, 2), D(2026, 4, 10), D(2026, 5, 15), D(2026, 6, 20))):
        credit_purchase(rina, 10000 * (4 - n), reference=f"AG-{n}", today=day)
    credit_repay(rina, 15000, channel="transfer")  # 15,000 of January's 40,000
    row = next(r for r in credit_ageing(world["coop"], today=D(2026, 7, 1))
               if r.member_number == "B-3")
    assert row.buckets == {"current": 10000, "days_30": 20000, "days_60": 30000,
                           "days_90": 25000}
    assert row.owed == sum(row.buckets.values())


def test_payroll_deduction_round_trip(world):
    coop = world["coop"]
    for n, number in enumerate(("B-1", "B-2", "B-3")):
        credit_purchase(world["members"][number], 40000 + n * 1000, reference=f"PG-{n}")
    name, content = payroll_export(coop, employer="PT Krakatau", month="2026-07")
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("No. Anggota", "Nama", "Pemberi Kerja", "Bulan", "Jumlah Potongan")
    owed = {r[0]: r[4] for r in rows[1:]}
    assert set(owed) == {"B-1", "B-2", "B-3"} and name.endswith("2026-07.xlsx")

    def upload(lines):
        book = Workbook()
        for line in [rows[0], *lines]:
            book.active.append(list(line))
        buffer = io.BytesIO()
        book.save(buffer)
        return payroll_import(coop, buffer.getvalue(), "potong.xlsx",
                              actor=world["manager"])

    before = CreditEntry.objects.count()
    bad = upload([("B-1", "Siti", "PT Krakatau", "2026-07", owed["B-1"]),
                  ("B-9", "?", "PT Krakatau", "2026-07", 1000),
                  ("B-2", "Budi", "PT Krakatau", "2026-07", owed["B-2"] + 1),
                  ("B-3", "Rina", "PT Krakatau", "2026-7", "sepuluh")])
    assert not bad.applied
    assert [(e.row, e.field) for e in bad.errors] == [(3, "member_number"), (4, "amount"),
                                                      (5, "month"), (5, "amount")]
    assert CreditEntry.objects.count() == before  # nothing of a bad file is applied
    good = upload([(r[0], r[1], r[2], r[3], r[4]) for r in rows[1:]])
    assert good.applied and good.total == sum(owed.values())
    assert all(credit_standing(m).owed == 0 for m in world["members"].values())
    twice = upload([(r[0], r[1], r[2], r[3], 1000) for r in rows[1:2]])
    assert not twice.applied  # the month is already recorded
    assert [(e.row, e.field) for e in twice.errors] == [(2, "member_number")]
    assert credit_ledger_mismatches(coop) == []

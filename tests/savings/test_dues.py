"""Dues (simpanan wajib): the schedule from the join date across mid-month joins, category
changes and leap years; member prices off after the grace days and on again after paying;
receipts confirmed once; reminders at most once per period."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from members.models import Member
from members.services.eligibility import member_eligibility
from messaging.models import Message
from savings.models import DuesReceipt, SavingsEntry, SavingsSettings
from savings.services.dues import dues_status
from savings.services.dues_payments import dues_pay, dues_receipt_decide, dues_receipt_submit
from savings.services.dues_settings import dues_category_change, dues_rate_set
from savings.services.reminders import dues_reminders_send
from tests.conftest import make_cooperative, make_staff, make_user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(scope="module")
def world(module_db):
    coop = make_cooperative("kop-wajib", dues_grace_days=90)
    dues_rate_set(coop, category="", amount=25000, valid_from=D(2020, 1, 1))
    dues_rate_set(coop, category="karyawan", amount=50000, valid_from=D(2020, 1, 1))
    return {"coop": coop, "staff": make_staff(coop, "staff")}


def member(world, number, joined, **fields):
    return Member.objects.create(cooperative=world["coop"], member_number=number,
                                 full_name=f"Anggota {number}", date_joined=joined,
                                 status="anggota", **fields)


def test_a_member_joining_on_the_31st_owes_that_month(world):
    siti = member(world, "W-1", D(2026, 1, 31))
    on_join = dues_status(siti, D(2026, 1, 31))
    assert (on_join.due, on_join.arrears, on_join.paid_until) == (25000, 25000,
                                                                  D(2025, 12, 31))
    assert on_join.next_due_on == D(2026, 1, 31)  # not the 10th, before she joined
    dues_pay(siti, 50000, channel="cash", actor=world["staff"])
    paid = dues_status(siti, D(2026, 2, 1))
    assert (paid.arrears, paid.paid_until) == (0, D(2026, 2, 28))
    later = dues_status(siti, D(2026, 3, 15))
    assert (later.due, later.arrears, later.periods_behind) == (75000, 25000, 1)
    siti.refresh_from_db()
    assert siti.dues_paid_until == D(2026, 2, 28)  # the register shows the ledger's date


def test_a_category_change_charges_the_new_rate_from_then_on(world):
    budi = member(world, "W-2", D(2026, 1, 5))
    dues_category_change(budi, "karyawan", effective_from=D(2026, 3, 1))
    status = dues_status(budi, D(2026, 4, 10))
    assert status.due == 25000 + 25000 + 50000 + 50000
    dues_pay(budi, 100000, channel="transfer", reference="BRI-1")
    status = dues_status(budi, D(2026, 4, 10))
    assert (status.paid_until, status.arrears, status.next_amount) == (
        D(2026, 3, 31), 50000, 50000)


def test_leap_years_end_february_on_the_29th(world):
    SavingsSettings.objects.create(cooperative=world["coop"], dues_due_day=31)
    rina = member(world, "W-3", D(2028, 1, 1))
    assert dues_status(rina, D(2028, 2, 28)).due == 25000  # February is due on the 29th
    assert dues_status(rina, D(2028, 2, 29)).due == 50000
    dues_pay(rina, 50000, channel="cash")
    assert dues_status(rina, D(2028, 3, 1)).paid_until == D(2028, 2, 29)
    tono = member(world, "W-4", D(2027, 1, 1))
    assert dues_status(tono, D(2027, 2, 28)).due == 50000


def test_member_prices_stop_after_the_grace_days_and_return_after_paying(world):
    user = make_user(email="wati@example.test")
    wati = member(world, "W-5", D(2025, 1, 2), user=user)
    dues_pay(wati, 12 * 25000, channel="cash")  # all of 2025
    coop = world["coop"]
    assert dues_status(wati, D(2026, 3, 31)).paid_until == D(2025, 12, 31)
    assert member_eligibility(user, coop, today=D(2026, 3, 31)).eligible  # day 90
    lapsed = member_eligibility(user, coop, today=D(2026, 4, 1))
    assert (lapsed.eligible, lapsed.reason) == (False, "dues_lapsed")
    dues_pay(wati, 3 * 25000, channel="transfer", reference="BNI-9")
    assert member_eligibility(user, coop, today=D(2026, 4, 1)).eligible


def test_register_date_settles_the_schedule(world):
    from members.services.register import register_import

    register_import(world["coop"], [(2, {"member_number": "W-6", "full_name": "Ani",
                                         "date_joined": "2019-05-01",
                                         "dues_paid_until": "2026-06",
                                         "savings_wajib": "1.000.000"})], dry_run=False)
    ani = Member.objects.get(cooperative=world["coop"], member_number="W-6")
    assert dues_status(ani, D(2026, 6, 30)).paid_until == D(2026, 6, 30)
    assert dues_status(ani, D(2026, 6, 30)).arrears == 0
    dues_pay(ani, 25000, channel="cash")
    assert dues_status(ani, D(2026, 7, 1)).paid_until == D(2026, 7, 31)


def test_a_transfer_receipt_counts_once_when_confirmed(world):
    joko = member(world, "W-7", D(2026, 1, 1))
    receipt = dues_receipt_submit(joko, amount=25000, transfer_reference="MANDIRI-55",
                                  transferred_on=D(2026, 1, 3))
    dues_receipt_decide(receipt, confirm=True, actor=world["staff"])
    with pytest.raises(ValidationError) as twice:
        dues_receipt_decide(receipt, confirm=True, actor=world["staff"])
    assert twice.value.error_dict["id"][0].code == "already_decided"
    # The same bank transfer typed in again by another staff member is refused too.
    with pytest.raises(ValidationError) as typed:
        dues_pay(joko, 25000, channel="transfer", reference="MANDIRI-55")
    assert typed.value.error_dict["reference"][0].code == "duplicate_payment"
    assert SavingsEntry.objects.filter(member=joko).count() == 1
    assert DuesReceipt.objects.get(pk=receipt.pk).state == "confirmed"


def test_reminders_before_and_after_the_due_date_at_most_once_a_period(world):
    coop = make_cooperative("kop-ingat")
    dues_rate_set(coop, category="", amount=20000, valid_from=D(2020, 1, 1))
    up_to_date = Member.objects.create(cooperative=coop, member_number="I-1", full_name="A",
                                       date_joined=D(2026, 1, 1), phone="+6281200000001")
    behind = Member.objects.create(cooperative=coop, member_number="I-2", full_name="B",
                                   date_joined=D(2025, 11, 1), phone="+6281200000002")
    dues_pay(up_to_date, 20000, channel="cash")  # January paid; February due on the 10th
    # I-2 is behind since November: January's reminder (due on the 10th, 7 days after).
    assert dues_reminders_send(coop, D(2026, 2, 6)) == 1
    assert dues_reminders_send(coop, D(2026, 2, 7)) == 1  # 3 days before, to I-1
    assert dues_reminders_send(coop, D(2026, 2, 8)) == 0  # once a period
    assert dues_reminders_send(coop, D(2026, 2, 16)) == 0
    assert dues_reminders_send(coop, D(2026, 2, 17)) == 1  # February's, to I-2
    assert dues_reminders_send(coop, D(2026, 2, 20)) == 0
    sent = Message.objects.filter(cooperative=coop).order_by("pk")
    assert [(m.phone, m.template, m.variables["amount"]) for m in sent] == [
        ("+6281200000002", "dues_reminder_after", "Rp60.000"),
        ("+6281200000001", "dues_reminder_before", "Rp20.000"),
        ("+6281200000002", "dues_reminder_after", "Rp80.000")]
    assert "/akun/simpanan/" in sent[0].variables["link"]
    assert behind.pk != up_to_date.pk


def test_dues_paid_online_through_the_payments_domain_count_once(world):
    from payments.hooks import payable_handler
    from payments.models import PaymentAttempt

    eko = member(world, "W-8", D(2026, 1, 1))
    attempt = PaymentAttempt(cooperative=world["coop"], payable_kind="dues",
                             payable_id=eko.pk, provider="midtrans", method="qris",
                             amount=50000, paid_amount=50000, reference="DUES-W8-1")
    handler = payable_handler("dues")
    assert handler.paid(attempt) and handler.paid(attempt)  # the gateway tells us twice
    entries = SavingsEntry.objects.filter(member=eko)
    assert [(e.amount, e.channel) for e in entries] == [(50000, "online")]
    assert dues_status(eko, D(2026, 2, 1)).paid_until == D(2026, 2, 28)

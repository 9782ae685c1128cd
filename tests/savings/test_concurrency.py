"""Races against the real database: two staff recording the same dues payment at once, and
purchases on credit racing for the last of the limit (online and at the counter). Each
thread has its own connection; the data is committed (transactional_db)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from members.models import Member
from savings.models import CreditEntry, SavingsEntry
from savings.services.credit import credit_allow, credit_purchase, credit_standing
from savings.services.dues_payments import dues_pay
from tests.conftest import make_cooperative

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    """Run the calls at the same moment in threads; [(result or the refusal)]."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except ValidationError as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_the_same_dues_payment_recorded_by_two_staff_at_once_counts_once():
    coop = make_cooperative("kop-balapan")
    siti = Member.objects.create(cooperative=coop, member_number="C-1", full_name="Siti")
    for attempt in range(3):
        reference = f"BCA-{attempt}"
        results = race(*[lambda reference=reference: dues_pay(siti, 25000, channel="transfer",
                                          reference=reference)] * 2)
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert len(refused) == 1, results
        assert refused[0].error_dict["reference"][0].code == "duplicate_payment"
    # A double-clicked form (the same key twice) gives the one entry back to both.
    results = race(*[lambda: dues_pay(siti, 25000, channel="cash",
                                      idempotency_key="form-1")] * 2)
    assert results[0].pk == results[1].pk
    assert SavingsEntry.objects.filter(member=siti).count() == 4
    siti.refresh_from_db()
    assert siti.savings_wajib == 100000


def test_purchases_racing_for_the_limit_never_pass_it():
    coop = make_cooperative("kop-bon-balap")
    budi = Member.objects.create(cooperative=coop, member_number="C-2", full_name="Budi",
                                 status="anggota")
    credit_allow(budi, limit=100000)
    # Four buyers of 40,000 at once (online and at the till): only two fit the limit.
    results = race(*[lambda n=n: credit_purchase(budi, 40000, reference=f"R-{n}",
                                                 channel="till" if n % 2 else "online")
                     for n in range(4)])
    passed = [r for r in results if isinstance(r, CreditEntry)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(passed), len(refused)) == (2, 2)
    assert {r.error_dict["amount"][0].code for r in refused} == {"over_limit"}
    assert credit_standing(budi).owed == 80000

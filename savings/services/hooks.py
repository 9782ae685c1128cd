"""What savings registers with the floors below it at start-up (SavingsConfig.ready)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from members.hooks import dues_provider_register, register_listener_add
from members.models import Member
from payments.hooks import payable_register

from ..models import EntryType, SavingsAccount, SavingsEntry, SavingsKind
from .common import savings_kinds_ensure
from .dues import dues_paid_until_provider, dues_statuses
from .dues_payments import PAYABLE_KIND, DuesPayable
from .mirror import COLUMNS, savings_mirror


def hooks_register() -> None:
    dues_provider_register(dues_paid_until_provider)
    register_listener_add(register_balances_to_ledger)
    payable_register(PAYABLE_KIND, DuesPayable())


def register_balances_to_ledger(cooperative, member_numbers: list[str], actor=None,
                                today: datetime.date | None = None) -> int:
    """An applied register import: where a member's imported balance differs from the
    ledger, an entry makes them agree (the opening entry for a new account, a correction
    "register import" after that); an imported "wajib s/d" that differs from what the ledger
    says settles the dues schedule up to that date. Returns the entries written."""
    if not member_numbers:
        return 0
    today = today or timezone.localdate()
    actor = actor if getattr(actor, "is_authenticated", False) else None
    kinds = savings_kinds_ensure(cooperative)
    pks, total = [], 0
    numbers = list(member_numbers)
    for start in range(0, len(numbers), 5000):
        batch = numbers[start:start + 5000]
        members = list(Member.objects.of(cooperative).filter(member_number__in=batch).values(
            "pk", "dues_paid_until", *COLUMNS.values()))
        member_pks = [m["pk"] for m in members]
        pks += member_pks
        statuses = dues_statuses(cooperative, today, member_pks, ledger_only=True)
        existing = _accounts(cooperative, member_pks, kinds)
        to_create = []
        for member in members:
            for code, column in COLUMNS.items():
                account = existing[(member["pk"], code)]
                delta = member[column] - account.balance
                settle = None
                if code == SavingsKind.WAJIB and member["dues_paid_until"] is not None and \
                        member["dues_paid_until"] != statuses[member["pk"]].paid_until:
                    settle = member["dues_paid_until"]
                if not delta and settle is None:
                    continue
                opening = not account.has_entries
                account.balance += delta
                if settle is not None:
                    account.settled_until, account.balance_at_settlement = settle, \
                        account.balance
                to_create.append(SavingsEntry(
                    cooperative=cooperative, account=account, member_id=member["pk"],
                    kind=kinds[code], amount=delta, balance_after=account.balance,
                    entry_type=EntryType.OPENING if opening else EntryType.CORRECTION,
                    booked_on=today, settles_until=settle, actor=actor,
                    reason=_("Opening balance from the member register") if opening
                    else _("Member register import")))
                account.has_entries = True
        SavingsEntry.objects.bulk_create(to_create, batch_size=2000)
        SavingsAccount.objects.bulk_update(
            list(existing.values()),
            ["balance", "settled_until", "balance_at_settlement"], batch_size=2000)
        total += len(to_create)
    savings_mirror(cooperative, pks)
    return total


def _accounts(cooperative, member_pks, kinds) -> dict:
    """The accounts of the members' built-in kinds, locked, created where missing."""
    wanted = [(pk, code) for pk in member_pks for code in COLUMNS]
    found = {(a.member_id, a.kind.code): a for a in SavingsAccount.objects.of(
        cooperative).filter(member_id__in=member_pks, kind__code__in=list(COLUMNS))
        .select_related("kind").select_for_update(of=("self",)).order_by("pk")}
    missing = [SavingsAccount(cooperative=cooperative, member_id=pk, kind=kinds[code])
               for pk, code in wanted if (pk, code) not in found]
    for account in SavingsAccount.objects.bulk_create(missing, batch_size=2000):
        found[(account.member_id, account.kind.code)] = account
    with_entries = set(SavingsEntry.objects.filter(
        account__in=[a.pk for a in found.values()]).values_list("account_id", flat=True)
        .distinct())
    for account in found.values():
        account.has_entries = account.pk in with_entries
    return found

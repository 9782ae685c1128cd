"""The register's savings columns follow the ledger (members shows them; savings owns them)."""

from members.services.register import member_savings_mirror

from ..models import SavingsAccount, SavingsKind
from .dues import dues_statuses

COLUMNS = {SavingsKind.POKOK: "savings_pokok", SavingsKind.WAJIB: "savings_wajib",
           SavingsKind.SUKARELA: "savings_sukarela"}


def savings_mirror(cooperative, member_pks: list[int]) -> None:
    if not member_pks:
        return
    statuses = dues_statuses(cooperative, member_pks=member_pks)
    values = {pk: {"savings_pokok": 0, "savings_wajib": 0, "savings_sukarela": 0,
                   "dues_paid_until": status.paid_until} for pk, status in statuses.items()}
    for member_pk, code, balance in SavingsAccount.objects.of(cooperative).filter(
            member_id__in=member_pks, kind__code__in=list(COLUMNS)).values_list(
            "member_id", "kind__code", "balance"):
        values[member_pk][COLUMNS[code]] = balance
    member_savings_mirror(cooperative, values)

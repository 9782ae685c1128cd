"""What every part of the savings domain shares: the built-in kinds and the statuses of a
member who has left."""

from django.utils.translation import gettext_lazy

from members.models import MemberStatus

from ..models import SavingsKind

BUILTIN_KINDS = (
    # code, name, is_dues, withdrawable
    (SavingsKind.POKOK, gettext_lazy("Simpanan pokok"), False, False),
    (SavingsKind.WAJIB, gettext_lazy("Simpanan wajib"), True, False),
    (SavingsKind.SUKARELA, gettext_lazy("Simpanan sukarela"), False, True),
)
LEFT = (MemberStatus.KELUAR, MemberStatus.DIBERHENTIKAN, MemberStatus.MENINGGAL)
def savings_kinds_ensure(cooperative) -> dict[str, SavingsKind]:
    """The cooperative's kinds by code, creating the three every cooperative has."""
    kinds = {k.code: k for k in SavingsKind.objects.of(cooperative)}
    for code, name, is_dues, withdrawable in BUILTIN_KINDS:
        if code not in kinds:
            kinds[code], _created = SavingsKind.objects.get_or_create(
                cooperative=cooperative, code=code,
                defaults={"name": str(name), "is_dues": is_dues, "withdrawable": withdrawable,
                          "is_builtin": True})
    return kinds

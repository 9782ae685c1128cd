"""Reads of the savings domain: what a member sees of their own, and what staff see."""

from dataclasses import dataclass

from django.db.models import Q

from backend.accounts.models import StaffMembership
from backend.accounts.permissions import Permission
from backend.accounts.selectors import roles_with

from .models import CreditAccount, CreditEntry, DuesReceipt, SavingsEntry, SavingsKind
from .services.credit import CreditStanding, credit_standing
from .services.dues import DuesStatus, dues_status
from .services.ledger import balances_of


def _managed(user, permission=Permission.RECORD_SAVINGS):
    return StaffMembership.objects.filter(user=user, role__in=roles_with(permission)).values(
        "cooperative_id")


def savings_rows_visible_to(user, queryset):
    """Rows that carry a member: the member's own, and all of a cooperative whose register
    the user manages; the operator sees all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(Q(member__user=user) | Q(cooperative_id__in=_managed(user)))


def savings_members_visible_to(user, queryset):
    """Members whose savings the user may see: their own, and every member of a cooperative
    where they record savings."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(Q(user=user) | Q(cooperative_id__in=_managed(user)))


def kinds_visible_to(user, queryset):
    """Kinds of savings are no secret to anyone signed in."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset


@dataclass
class SavingsOverview:
    balances: list[tuple[SavingsKind, int]]
    total: int
    dues: DuesStatus
    credit: CreditStanding
    entries: list[SavingsEntry]
    credit_entries: list[CreditEntry]
    receipts: list[DuesReceipt]


def savings_overview(member, entries: int = 20) -> SavingsOverview:
    """Everything the member's account page shows (and a till card scan: arrears and credit
    left, never the NIK)."""
    held = balances_of(member)
    kinds = SavingsKind.objects.of(member.cooperative).filter(is_active=True)
    balances = [(kind, held.get(kind.code, 0)) for kind in kinds]
    return SavingsOverview(
        balances=balances, total=sum(b for _k, b in balances), dues=dues_status(member),
        credit=credit_standing(member),
        entries=list(SavingsEntry.objects.filter(member=member).select_related("kind")
                     .order_by("-booked_on", "-pk")[:entries]),
        credit_entries=list(CreditEntry.objects.filter(member=member).order_by(
            "-booked_on", "-pk")[:entries]),
        receipts=list(DuesReceipt.objects.filter(member=member).order_by("-pk")[:5]))


def credit_accounts_of(cooperative):
    return CreditAccount.objects.of(cooperative).select_related("member")

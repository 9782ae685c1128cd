"""Dues settings and changes: rates per member category, the cooperative's dues and credit
settings, a member's move to another category."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems
from members.models import Member
from members.services.register import member_category_set

from ..models import DuesCategoryChange, DuesRate, SavingsKind, SavingsSettings
from .common import savings_kinds_ensure
from .dues import savings_settings
from .mirror import savings_mirror


def dues_rate_set(cooperative, *, category: str, amount: int, valid_from: datetime.date,
                  period_months: int = 1) -> DuesRate:
    problems = Problems()
    category = (category or "").strip()
    if len(category) > 40:
        problems.add("category", _("The category is too long."), CommonErrorCode.INVALID)
    if not isinstance(amount, int) or amount <= 0:
        problems.add("amount", _("The amount must be more than Rp0."), CommonErrorCode.INVALID)
    if period_months not in (1, 3, 6, 12):
        problems.add("period_months", _("A period is 1, 3, 6 or 12 months."),
                     CommonErrorCode.INVALID)
    problems.raise_if_any()
    rate, _created = DuesRate.objects.update_or_create(
        cooperative=cooperative, category=category, valid_from=valid_from,
        defaults={"amount": amount, "period_months": period_months})
    return rate


def savings_settings_update(cooperative, data: dict) -> SavingsSettings:
    problems = Problems()
    limits = {"dues_due_day": (1, 31), "remind_days_before": (0, 28),
              "remind_days_after": (0, 60), "credit_term_days": (1, 365)}
    for name, (low, high) in limits.items():
        value = data.get(name)
        if value is not None and not low <= value <= high:
            problems.add(name, _("Give a number from %(low)s to %(high)s.")
                         % {"low": low, "high": high}, CommonErrorCode.INVALID)
    problems.raise_if_any()
    found = savings_settings(cooperative)
    for name in limits:
        if data.get(name) is not None:
            setattr(found, name, data[name])
    found.save()
    return found


@transaction.atomic
def dues_category_change(member: Member, category: str, *, effective_from: datetime.date,
                         actor=None) -> DuesCategoryChange:
    """Move a member to another category from a date: later periods at its rate."""
    category = (category or "").strip()
    if len(category) > 40:
        raise ValidationError({"category": ValidationError(_("The category is too long."),
                                                           code=CommonErrorCode.INVALID)})
    change = DuesCategoryChange.objects.create(
        cooperative=member.cooperative, member=member, from_category=member.category,
        to_category=category, effective_from=effective_from,
        actor=actor if getattr(actor, "is_authenticated", False) else None)
    member_category_set(member, category)
    savings_mirror(member.cooperative, [member.pk])
    return change


def dues_kind(cooperative) -> SavingsKind:
    return savings_kinds_ensure(cooperative)[SavingsKind.WAJIB]

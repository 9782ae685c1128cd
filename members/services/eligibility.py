"""Who pays the member price: a verified link to an active member whose status qualifies
(a cooperative setting) and whose dues are paid up to within the grace period."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..hooks import dues_paid_until
from ..models import Member, MemberStatus

REASONS = {
    "member_pricing_off": _("This cooperative has no member prices."),
    "not_member": _("Link your membership to pay member prices."),
    "inactive": _("Your membership is not active in the register."),
    "status": _("Your membership status does not get member prices."),
    "dues_lapsed": _("Your mandatory savings are overdue; pay them to get member prices "
                     "again."),
}


@dataclass(frozen=True)
class Eligibility:
    member: Member | None
    eligible: bool
    reason: str = ""  # a key of REASONS when not eligible

    @property
    def message(self) -> str:
        return str(REASONS[self.reason]) if self.reason else ""


def member_eligibility(user, cooperative, today: datetime.date | None = None) -> Eligibility:
    if not cooperative.member_pricing_enabled:
        return Eligibility(None, False, "member_pricing_off")
    if not getattr(user, "is_authenticated", False):
        return Eligibility(None, False, "not_member")
    return member_eligibility_of(Member.objects.of(cooperative).filter(user=user).first(),
                                 cooperative, today)


def member_eligibility_of(member: Member | None, cooperative,
                          today: datetime.date | None = None) -> Eligibility:
    """The same rule for a member named another way (their card or number at the till)."""
    if not cooperative.member_pricing_enabled:
        return Eligibility(member, False, "member_pricing_off")
    if member is None:
        return Eligibility(None, False, "not_member")
    if not member.is_active or member.anonymised_at:
        return Eligibility(member, False, "inactive")
    statuses = cooperative.member_statuses_eligible or [MemberStatus.ANGGOTA]
    if member.status not in statuses:
        return Eligibility(member, False, "status")
    today = today or timezone.localdate()
    # The savings ledger says how far the dues are paid (members/hooks.py); no date means
    # the cooperative does not track dues here.
    paid_until = dues_paid_until(member, today)
    if paid_until is not None and paid_until + datetime.timedelta(
            days=cooperative.dues_grace_days) < today:
        return Eligibility(member, False, "dues_lapsed")
    return Eligibility(member, True)


def request_eligibility(request, cooperative) -> Eligibility:
    """member_eligibility once per request and cooperative."""
    cache = request.__dict__.setdefault("_member_eligibility", {})
    if cooperative.pk not in cache:
        cache[cooperative.pk] = member_eligibility(request.user, cooperative)
    return cache[cooperative.pk]

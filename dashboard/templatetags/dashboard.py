from django import template

from backend.accounts.models import StaffMembership
from backend.accounts.phone import format_phone
from backend.money import format_rupiah

register = template.Library()
register.filter("phone", format_phone)  # +62 812-3456-7890


@register.inclusion_tag("dashboard/_nav.html", takes_context=True)
def dashboard_nav(context):
    """The places this person works: their shops, and the cooperatives they staff."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"sellers": [], "memberships": []}
    return {"sellers": list(user.sellers.select_related("cooperative")),
            "memberships": list(StaffMembership.objects.filter(user=user).select_related(
                "cooperative")),
            "request": context["request"]}


@register.filter
def rupiah(amount) -> str:
    return "" if amount is None else format_rupiah(amount)

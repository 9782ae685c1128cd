import re

from django import template
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

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


CONSOLE_MENU = [
    ("manage-today", _("Today")), ("manage-orders", _("Orders")),
    ("manage-review", _("Review")), ("manage-stock", _("Stock")),
    ("manage-members", _("Members")), ("manage-prices", _("Member prices")),
    ("manage-shu", "SHU"), ("manage-savings", _("Savings")),
    ("manage-payouts", _("Payouts")), ("manage-vouchers", _("Vouchers")),
    ("manage-restock", _("Restock")), ("manage-suppliers", _("Suppliers")),
    ("manage-reports", _("Reports")), ("manage-till", _("Till")), ("manage-staff", _("Staff")),
    ("manage-messages", _("Messages")), ("manage-payments", _("Online payments"))]
SELLER_MENU = [
    ("seller-home", _("My shop")), ("products", _("My products")),
    ("seller-orders", _("Orders to prepare")), ("seller-payouts", _("Payouts")),
    ("seller-profile", _("Shop details"))]


def _menu(request, title, entries, arg) -> dict:
    """Large menu buttons; the page being shown (the longest address the path starts
    with) is marked aria-current."""
    items = [(reverse(f"dashboard:{name}", args=[arg]), label) for name, label in entries]
    current = max((url for url, _label in items if request.path.startswith(url)), key=len,
                  default=None)
    return {"title": title, "items": [(url, label, url == current) for url, label in items],
            "current": next((label for url, label in items if url == current), ""),
            "open": current == items[0][0]}  # unfolded on the home page, one tap elsewhere


@register.inclusion_tag("dashboard/_menu.html", takes_context=True)
def console_menu(context):
    cooperative = context["cooperative"]
    return _menu(context["request"], cooperative.name, CONSOLE_MENU, cooperative.slug)


@register.inclusion_tag("dashboard/_menu.html", takes_context=True)
def seller_menu(context):
    seller = context["seller"]
    return _menu(context["request"], seller.business_name, SELLER_MENU, seller.pk)


_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
_HEAD = re.compile(r"<thead\b.*?</thead>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b.*?</tr>", re.S)


def _labelled(table: str) -> str:
    """Each body cell carries its column's heading (data-label), which narrow screens show
    above the value when the rows become stacked cards."""
    head = _HEAD.search(table)
    if head is None:
        return table
    labels = [" ".join(strip_tags(cell).split()) for cell in _HEADER_CELL.findall(head.group())]

    def row(match):
        names = iter(labels)
        return re.sub(r"<td\b", lambda _m: f'<td data-label="{escape(next(names, ""))}"',
                      match.group())
    return table[:head.end()] + _ROW.sub(row, table[head.end():])


class CardTablesNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = _TABLE.sub(lambda m: _labelled(m.group()), self.nodelist.render(context))
        # A table's scroll box (wide screens) can be reached and scrolled by keyboard.
        return mark_safe(html.replace('<div class="table">', '<div class="table" tabindex="0" '
                                      f'role="region" aria-label="{escape(_("Table"))}">'))


@register.tag
def card_tables(parser, token):
    """{% card_tables %}...{% end_card_tables %}: the tables inside turn into stacked cards
    below 40rem (CSS in dashboard/base.html), without JavaScript."""
    nodelist = parser.parse(("end_card_tables",))
    parser.delete_first_token()
    return CardTablesNode(nodelist)

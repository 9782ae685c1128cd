from django import template

from backend.money import format_rupiah

register = template.Library()


@register.filter
def rp(amount) -> str:
    """Whole rupiah for people: Rp12.500."""
    return "" if amount is None else format_rupiah(amount)

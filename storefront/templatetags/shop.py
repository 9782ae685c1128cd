from django import template

from backend.accounts.phone import format_phone
from backend.money import format_rupiah

from ..shop import shop_url

register = template.Library()
register.filter("phone", format_phone)  # +62 812-3456-7890


@register.simple_tag(takes_context=True)
def shopurl(context, name, *args):
    return shop_url(context["request"], name, *args)


@register.filter
def css_colour(value, default="#0b6b3a"):
    """A #RRGGBB colour for a style sheet, or the default for anything else."""
    import re

    return value if isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value) \
        else default


@register.filter
def rupiah(amount):
    return format_rupiah(amount)


@register.simple_tag(takes_context=True)
def cart_count(context):
    """Units in the shopper's cart of this store, for the header."""
    from ..pages.cart import current_checkout

    request = context["request"]
    shop = getattr(request, "shop", None)
    if shop is None:
        return 0
    checkout = current_checkout(request, shop)
    return sum(line.quantity for line in checkout.lines.all()) if checkout else 0


@register.filter
def widget(field):
    """A form field's widget, marked invalid and tied to its error text when it has one."""
    if not field.errors:
        return field.as_widget()
    return field.as_widget(attrs={"aria-invalid": "true",
                                  "aria-describedby": f"{field.auto_id}-error"})


@register.simple_tag
def whatsapp_url(phone: str | None, text: str = "") -> str:
    """A wa.me link that opens a WhatsApp chat with `phone` (stored as +62..., given to wa.me
    as digits) with `text` typed in; no phone: WhatsApp asks whom to send `text` to (sharing).
    https://faq.whatsapp.com/5913398998672934"""
    from urllib.parse import quote

    digits = "".join(ch for ch in (phone or "") if ch.isdigit())
    return f"https://wa.me/{digits}?text={quote(text)}" if digits or text else ""

"""Charts for the console's reports, drawn on the server as SVG with pygal: the page needs no
JavaScript (pygal's tooltip script, loaded from the internet, is left out), the text in the
charts is at least 16 px, and each chart sits beside the table of its figures."""

import re

import pygal
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

from backend.money import format_rupiah

_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
STYLE = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#1a1a1a",
    foreground_strong="#1a1a1a", foreground_subtle="#666666",
    colors=("#0b6b3a", "#b07a00", "#0b4f8a", "#a40000", "#5b3a8a", "#2a7f7f"),
    font_family="system-ui, sans-serif", label_font_size=16, major_label_font_size=16,
    value_font_size=16, value_label_font_size=16, legend_font_size=16, title_font_size=18,
    tooltip_font_size=16, no_data_font_size=18)


def _chart(kind, **config):
    """(The figure's caption names the chart; the SVG carries no title of its own.)"""
    return kind(**{"style": STYLE, "js": [], "disable_xml_declaration": True,
                   "explicit_size": False, "value_formatter": format_rupiah,
                   "no_data_text": _("No sales yet"), "print_values": False,
                   "show_legend": False, "margin": 10, "truncate_label": -1, "width": 420,
                   "min_scale": 3, "max_scale": 5,
                   "truncate_legend": -1, **config})


def _svg(chart) -> str:
    # pygal still writes an inline script with its tooltip settings: nothing reads it.
    return mark_safe(_SCRIPT.sub("", chart.render(is_unicode=True)))


def sales_by_day(by_day) -> str:
    chart = _chart(pygal.Bar, height=340, x_label_rotation=0, show_minor_x_labels=False,
                   x_labels_major_every=max(1, len(by_day) // 3))
    chart.x_labels = [date_format(day, "j M") for day, _amount in by_day]
    chart.add(_("Sales"), [amount for _day, amount in by_day])
    return _svg(chart)


def ranked(rows) -> str:
    """Sales by channel or by seller: one horizontal bar each, largest first."""
    rows = list(rows)[:10]
    chart = _chart(pygal.HorizontalBar, height=max(150, 60 + 56 * len(rows)),
                   print_labels=True, show_y_labels=False, show_x_labels=False,
                   show_legend=True,
                   legend_at_bottom=True, legend_at_bottom_columns=1)
    for name, amount in rows:
        chart.add(name, [{"value": amount, "label": format_rupiah(amount)}])
    return _svg(chart)


def members_against_others(member_total: int, non_member_total: int) -> str:
    chart = _chart(pygal.Pie, height=340, inner_radius=.45, print_values=True,
                   show_legend=True, legend_at_bottom=True, legend_at_bottom_columns=1)
    chart.add(_("Members"), member_total)
    chart.add(_("Non-members"), non_member_total)
    return _svg(chart)

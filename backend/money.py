"""Rupiah for people: whole rupiah stored as integers, shown as `Rp12.500`."""

from babel.numbers import format_currency


def format_rupiah(amount: int | None) -> str:
    if amount is None:
        return ""
    return format_currency(amount, "IDR", locale="id_ID", format="¤#,##0", currency_digits=False)

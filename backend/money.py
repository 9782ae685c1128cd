"""Rupiah for people: whole rupiah stored as integers, shown as `Rp12.500`."""

from functools import lru_cache

from babel.numbers import format_currency


# Babel takes ~80 µs a call and a listing formats hundreds of prices, most of them repeated.
@lru_cache(maxsize=8192)
def format_rupiah(amount: int | None) -> str:
    if amount is None:
        return ""
    return format_currency(amount, "IDR", locale="id_ID", format="¤#,##0", currency_digits=False)

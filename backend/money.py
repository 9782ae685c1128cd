"""Rupiah for people: whole rupiah stored as integers, shown as `Rp12.500`."""

import re
from functools import lru_cache

from babel.numbers import format_currency


# Babel takes ~80 µs a call and a listing formats hundreds of prices, most of them repeated.
@lru_cache(maxsize=8192)
def format_rupiah(amount: int | None) -> str:
    if amount is None:
        return ""
    return format_currency(amount, "IDR", locale="id_ID", format="¤#,##0", currency_digits=False)


def parse_rupiah(text) -> int:
    """Whole rupiah from what people type or spreadsheets hold: 12500, "12.500",
    "Rp 12.500,00", 12500.0. Raises ValueError for anything else."""
    if isinstance(text, (int, float)):
        if text != int(text):
            raise ValueError(text)
        return int(text)
    cleaned = re.sub(r"(?i)^\s*rp\.?\s*", "", str(text)).strip()
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d{1,2})?|\d+(,\d{1,2})?", cleaned):
        raise ValueError(text)
    whole, _, cents = cleaned.partition(",")
    if cents.strip("0"):
        raise ValueError(text)  # rupiah amounts are whole
    return int(whole.replace(".", ""))


def round_rupiah(value) -> int:
    """A computed amount (a share, a percentage, a tax part) to the whole rupiah, halves up."""
    from decimal import ROUND_HALF_UP, Decimal

    return int(Decimal(value).quantize(Decimal(1), ROUND_HALF_UP))

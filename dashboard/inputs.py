"""What people type into console forms, read one way everywhere: a bad value is None (the
service then says what is wrong next to the field), never an exception. The page forms in
forms.py build their fields on these."""

import datetime
from decimal import Decimal, InvalidOperation

from backend.money import parse_rupiah
from backend.validation import LARGEST_RUPIAH, LARGEST_WHOLE

# Days people can mean in the console (reports, statements, expiry): beyond them a date is a
# typing slip, and Python's date arithmetic would overflow near year 1 or 9999.
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)


def whole(text) -> int | None:
    """A count of units or an id: 12, "1.000"."""
    cleaned = str(text or "").replace(".", "").strip()
    if not (cleaned.isascii() and cleaned.isdigit()):
        return None
    number = int(cleaned)
    return number if number <= LARGEST_WHOLE else None


def object_id(text) -> int:
    """An id from a form; anything else finds nothing (a 404), not a 500."""
    return whole(text) or 0


def object_ids(texts) -> list[int]:
    """The ids of a list of ticked boxes; what is no id is left out."""
    return [number for number in map(whole, texts) if number]


def rupiah(text) -> int | None:
    """Whole rupiah as people write it: 12500, 12.500, Rp12.500."""
    try:
        amount = parse_rupiah(text) if str(text or "").strip() else None
    except ValueError:
        return None
    return amount if amount is None or amount <= LARGEST_RUPIAH else None


def decimal(text) -> Decimal | None:
    """A percentage or rate: 7,5 or 7.5."""
    try:
        number = Decimal(str(text).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def day(text) -> datetime.date | None:
    """A date as a date field sends it (2026-12-01), between FIRST_DAY and LAST_DAY."""
    try:
        date = datetime.date.fromisoformat(str(text or "").strip())
    except ValueError:
        return None
    return date if FIRST_DAY <= date <= LAST_DAY else None

"""What people type into console forms, read one way everywhere: a bad value is None (the
service then says what is wrong next to the field), never an exception."""

from decimal import Decimal, InvalidOperation

from backend.money import parse_rupiah


def whole(text) -> int | None:
    """A count of units or an id: 12, "1.000"."""
    cleaned = str(text or "").replace(".", "").strip()
    return int(cleaned) if cleaned.isdigit() else None


def object_id(text) -> int:
    """An id from a form; anything else finds nothing (a 404), not a 500."""
    return whole(text) or 0


def rupiah(text) -> int | None:
    """Whole rupiah as people write it: 12500, 12.500, Rp12.500."""
    try:
        return parse_rupiah(text) if str(text or "").strip() else None
    except ValueError:
        return None


def decimal(text) -> Decimal | None:
    """A percentage or rate: 7,5 or 7.5."""
    try:
        return Decimal(str(text).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        return None

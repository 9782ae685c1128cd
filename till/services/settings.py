"""A cooperative's till settings: its scale's price barcode layout, its static QRIS and the
receipt's footer."""

from django.db import transaction
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems, check_model_fields

from ..models import PriceBarcodeLayout, TillSettings
from ..selectors import till_settings_of

FIELDS = ("price_barcode_layout", "static_qris", "receipt_footer")


@transaction.atomic
def till_settings_update(cooperative, data: dict) -> TillSettings:
    found = till_settings_of(cooperative)
    cleaned = {k: (v or "").strip() for k, v in data.items() if k in FIELDS and v is not None}
    problems = Problems()
    check_model_fields(problems, TillSettings, cleaned)
    if cleaned.get("price_barcode_layout", "") not in PriceBarcodeLayout.values:
        problems.add("price_barcode_layout", _("Unknown layout."), CommonErrorCode.INVALID)
    for field, value in cleaned.items():
        if "\x00" in value:
            problems.add(field, _("This text has a character that cannot be saved."),
                         CommonErrorCode.INVALID)
    if len(cleaned.get("static_qris", "")) > 512:
        problems.add("static_qris", _("A QRIS text is at most 512 characters."),
                     CommonErrorCode.INVALID)
    problems.raise_if_any()
    for field, value in cleaned.items():
        setattr(found, field, value)
    found.save()
    return found

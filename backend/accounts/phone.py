"""Phone numbers as Indonesians write them (0812-3456-7890, 62812..., +62 812...) to E.164."""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from backend.error_codes import CommonErrorCode

INVALID_PHONE = _("Enter a valid phone number, for example 0812 3456 7890.")


def normalize_phone(raw: str) -> str:
    """Return +62... for a valid number, or raise ValidationError(code='invalid')."""
    text = (raw or "").strip()
    if text.startswith("62") and not text.startswith("+"):
        text = "+" + text
    try:
        number = phonenumbers.parse(text, settings.DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID_PHONE, code=CommonErrorCode.INVALID) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_PHONE, code=CommonErrorCode.INVALID)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_email(login: str) -> bool:
    return "@" in (login or "")


def format_phone(value: str) -> str:
    """A stored number as people read it (+62 812-3456-7890, +62 254 200123: phonenumbers'
    international format); anything that does not parse is shown as it is."""
    try:
        number = phonenumbers.parse(value or "", settings.DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return value or ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

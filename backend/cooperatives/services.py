import zoneinfo
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from backend.cooperatives.error_codes import CooperativeErrorCode
from backend.error_codes import CommonErrorCode
from backend.validation import Problems, check_model_fields

from .models import Cooperative, CooperativeType

EDITABLE_FIELDS = (
    "name", "legal_name", "legal_entity_number", "cooperative_type", "phone", "email",
    "time_zone", "member_pricing_enabled", "default_commission_percent",
    "bank_transfer_instructions", "unpaid_order_hours", "reservation_minutes",
    "vat_registered", "vat_percent", "brand_colour",
    *Cooperative.ADDRESS_FIELDS,
)
# Host names route requests and bound where password links may point: the operator's.
OPERATOR_ONLY_FIELDS = ("slug", "is_active", "host_names")


def _clean(data: dict, *, instance: Cooperative | None) -> dict:
    problems = Problems()
    cleaned = dict(data)
    check_model_fields(problems, Cooperative, cleaned)

    if "name" in cleaned or instance is None:
        cleaned["name"] = (cleaned.get("name") or "").strip()
        if not cleaned["name"]:
            problems.add("name", _("Enter the cooperative's name."), CommonErrorCode.REQUIRED)

    if instance is None and not cleaned.get("slug") and cleaned.get("name"):
        cleaned["slug"] = slugify(cleaned["name"])[:60]
    if "slug" in cleaned:
        cleaned["slug"] = slugify(cleaned["slug"] or "")[:60]
        if not cleaned["slug"]:
            problems.add("slug", _("Enter a short name of letters, digits and dashes."),
                         CommonErrorCode.REQUIRED)
        elif Cooperative.objects.filter(slug=cleaned["slug"]).exclude(
                pk=getattr(instance, "pk", None)).exists():
            problems.add("slug", _("Another cooperative already uses this short name."),
                         CommonErrorCode.UNIQUE)

    if "cooperative_type" in cleaned and cleaned["cooperative_type"] not in CooperativeType.values:
        problems.add("cooperative_type", _("Unknown cooperative type."), CommonErrorCode.INVALID)

    if "time_zone" in cleaned:
        if cleaned["time_zone"] not in zoneinfo.available_timezones():
            problems.add("time_zone", _("Unknown time zone, for example Asia/Jakarta."),
                         CommonErrorCode.INVALID)

    if "default_commission_percent" in cleaned:
        try:
            percent = Decimal(str(cleaned["default_commission_percent"]))
        except InvalidOperation:
            percent = Decimal(-1)
        if not percent.is_finite() or not Decimal(0) <= percent <= Decimal(100):
            problems.add("default_commission_percent",
                         _("Commission must be between 0 and 100 percent."),
                         CommonErrorCode.INVALID)
        cleaned["default_commission_percent"] = percent

    if "host_names" in cleaned:
        hosts = sorted({h.strip().lower().rstrip(".") for h in cleaned["host_names"] or []} - {""})
        cleaned["host_names"] = hosts
        taken = Cooperative.objects.filter(host_names__overlap=hosts).exclude(
            pk=getattr(instance, "pk", None))
        if hosts and taken.exists():
            problems.add("host_names", _("A host name is already used by another cooperative."),
                         CommonErrorCode.UNIQUE)

    problems.raise_if_any()
    return cleaned


@transaction.atomic
def cooperative_create(data: dict) -> Cooperative:
    cleaned = _clean(data, instance=None)
    allowed = set(EDITABLE_FIELDS) | set(OPERATOR_ONLY_FIELDS)
    return Cooperative.objects.create(**{k: v for k, v in cleaned.items() if k in allowed})


def _refuse_operator_fields(data: dict) -> None:
    forbidden = [f for f in OPERATOR_ONLY_FIELDS if f in data]
    if forbidden:
        raise ValidationError({f: ValidationError(
            _("Only the platform operator can change this."),
            code=CooperativeErrorCode.OPERATOR_ONLY)
            for f in forbidden})


@transaction.atomic
def cooperative_update(cooperative: Cooperative, data: dict, *, by_operator: bool) -> Cooperative:
    if not by_operator:
        _refuse_operator_fields(data)
    allowed = set(EDITABLE_FIELDS) | set(OPERATOR_ONLY_FIELDS)
    data = {k: v for k, v in data.items() if k in allowed}
    cleaned = _clean(data, instance=cooperative)
    cooperative = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    for field, value in cleaned.items():
        setattr(cooperative, field, value)
    cooperative.save()
    return cooperative

"""The cooperative's own delivery areas and its courier rate tiers."""

from django.db import transaction
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems, check_model_fields

from ..models import CourierRate, LocalDeliveryArea

AREA_FIELDS = ("name", "city", "district", "fee", "is_active")
RATE_FIELDS = ("service", "max_grams", "fee", "days", "is_active")


def _save(model, fields, cooperative, data: dict, instance, problems: Problems):
    cleaned = {k: (" ".join(v.split()) if isinstance(v, str) else v)
               for k, v in data.items() if k in fields}
    merged = {f: getattr(instance, f, None) for f in fields} if instance else {}
    merged.update(cleaned)
    if merged.get("fee") is None or merged["fee"] < 0:
        problems.add("fee", _("Give a fee of zero rupiah or more."), CommonErrorCode.INVALID)
    check_model_fields(problems, model, cleaned)
    return cleaned, merged


@transaction.atomic
def delivery_area_save(cooperative, data: dict,
                       instance: LocalDeliveryArea | None = None) -> LocalDeliveryArea:
    problems = Problems()
    cleaned, merged = _save(LocalDeliveryArea, AREA_FIELDS, cooperative, data, instance,
                            problems)
    for field in ("name", "city"):
        if not merged.get(field):
            problems.add(field, _("This is required."), CommonErrorCode.REQUIRED)
    problems.raise_if_any()
    return _apply(LocalDeliveryArea, cooperative, cleaned, instance)


@transaction.atomic
def courier_rate_save(cooperative, data: dict,
                      instance: CourierRate | None = None) -> CourierRate:
    problems = Problems()
    cleaned, merged = _save(CourierRate, RATE_FIELDS, cooperative, data, instance, problems)
    if not merged.get("service"):
        problems.add("service", _("This is required."), CommonErrorCode.REQUIRED)
    if not merged.get("max_grams") or merged["max_grams"] <= 0:
        problems.add("max_grams", _("Give the heaviest parcel of this tier, in grams."),
                     CommonErrorCode.INVALID)
    elif CourierRate.objects.of(cooperative).filter(
            service=merged.get("service"), max_grams=merged["max_grams"]).exclude(
            pk=getattr(instance, "pk", None)).exists():
        problems.add("max_grams", _("This service already has a tier for this weight."),
                     CommonErrorCode.UNIQUE)
    problems.raise_if_any()
    return _apply(CourierRate, cooperative, cleaned, instance)


def _apply(model, cooperative, cleaned: dict, instance):
    if instance is None:
        return model.objects.create(cooperative=cooperative, **cleaned)
    for field, value in cleaned.items():
        setattr(instance, field, value)
    instance.save()
    return instance

"""The supplier register and the mapping of supplier items to our variants."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems, check_model_fields

from ..models import Supplier, SupplierItem

SUPPLIER_FIELDS = ("name", "contact_person", "phone", "email", "address", "payment_terms",
                   "lead_time_days", "minimum_order_value", "is_active")


@transaction.atomic
def supplier_save(cooperative, data: dict, instance: Supplier | None = None) -> Supplier:
    problems = Problems()
    cleaned = {k: v for k, v in data.items() if k in SUPPLIER_FIELDS}
    if "name" in cleaned:
        cleaned["name"] = " ".join((cleaned["name"] or "").split())
    check_model_fields(problems, Supplier, cleaned)
    name = cleaned.get("name", getattr(instance, "name", ""))
    if not name:
        problems.add("name", _("Enter a name."), CommonErrorCode.REQUIRED)
    elif Supplier.objects.of(cooperative).filter(name__iexact=name).exclude(
            pk=getattr(instance, "pk", None)).exists():
        problems.add("name", _("Another supplier has this name."), CommonErrorCode.UNIQUE)
    for number in ("lead_time_days", "minimum_order_value"):
        if number in cleaned and not (isinstance(cleaned[number], int)
                                      and 0 <= cleaned[number] <= 10**12):
            problems.add(number, _("Give a whole number, zero or more."), CommonErrorCode.INVALID)
    problems.raise_if_any()
    if instance is None:
        return Supplier.objects.create(cooperative=cooperative, **cleaned)
    for name, value in cleaned.items():
        setattr(instance, name, value)
    instance.save()
    return instance


@transaction.atomic
def supplier_item_map(item: SupplierItem, variant, *, preferred: bool | None = None
                      ) -> SupplierItem:
    """Say which of our variants a supplier item is (None: not ours); optionally make this
    supplier the preferred one for the variant."""
    if variant is not None and variant.cooperative_id != item.cooperative_id:
        raise ValidationError({"variant": ValidationError(_("No such variant."),
                                                          code=CommonErrorCode.NOT_FOUND)})
    before = item.variant_id
    item.variant = variant
    if preferred is not None:
        item.preferred = bool(preferred) and variant is not None
    if item.preferred:
        SupplierItem.objects.filter(variant=variant, preferred=True).exclude(
            pk=item.pk).update(preferred=False)
    item.save(update_fields=["variant", "preferred"])
    from .sourcing import drop_ship_refresh

    drop_ship_refresh(item.supplier, {before, getattr(variant, "pk", None)} - {None})
    return item

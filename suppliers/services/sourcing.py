"""Drop-ship and consignment: where the units shoppers buy come from, and who owns them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from inventory.models import LocationKind
from inventory.services import location_upsert, stock_follow_supplier

from ..models import Sourcing, Supplier, SupplierItem, VariantSupply


def supply_of(variant) -> VariantSupply:
    found = VariantSupply.objects.filter(variant=variant).first()
    return found or VariantSupply(cooperative_id=variant.cooperative_id, variant=variant)


def supplier_location(supplier: Supplier):
    """The place in the inventory that stands for a supplier's own stock (drop-ship)."""
    return location_upsert(supplier.cooperative, f"supplier-{supplier.pk}",
                           name=(_("Supplier stock: %(name)s") % {"name": supplier.name})[:120],
                           kind=LocationKind.SUPPLIER, pickup_allowed=False, is_active=True)


@transaction.atomic
def variant_sourcing_set(variant, sourcing: str, supplier: Supplier | None) -> VariantSupply:
    if sourcing not in Sourcing.values:
        raise ValidationError({"sourcing": ValidationError(_("Unknown sourcing."),
                                                           code=CommonErrorCode.INVALID)})
    if sourcing != Sourcing.STOCKED and supplier is None:
        raise ValidationError({"supplier": ValidationError(
            _("Choose whose stock or goods these are."), code=CommonErrorCode.REQUIRED)})
    if supplier is not None and supplier.cooperative_id != variant.cooperative_id:
        raise ValidationError({"supplier": ValidationError(_("No such supplier."),
                                                           code=CommonErrorCode.NOT_FOUND)})
    supply = supply_of(variant)
    before = supply.supplier if supply.sourcing == Sourcing.DROP_SHIP else None
    supply.sourcing = sourcing
    supply.supplier = supplier if sourcing != Sourcing.STOCKED else None
    supply.save()
    if before is not None and (sourcing != Sourcing.DROP_SHIP or before != supplier):
        stock_follow_supplier(variant, supplier_location(before), 0,
                              reference=f"supplier:{before.pk}")
    if sourcing == Sourcing.DROP_SHIP:
        drop_ship_refresh(supplier, {variant.pk})
    return supply


def drop_ship_refresh(supplier: Supplier, variant_ids) -> None:
    """On hand at the supplier's place follows what its feed says it has (0 when gone)."""
    drop_ship = VariantSupply.objects.filter(
        supplier=supplier, sourcing=Sourcing.DROP_SHIP, variant_id__in=variant_ids
    ).select_related("variant")
    supplies = list(drop_ship)
    if not supplies:
        return
    units = dict(SupplierItem.objects.filter(
        supplier=supplier, is_active=True, variant_id__in=[s.variant_id for s in supplies]
    ).values("variant_id").annotate(total=Sum("available_quantity")).values_list(
        "variant_id", "total"))
    location = supplier_location(supplier)
    for supply in supplies:
        stock_follow_supplier(supply.variant, location, max(units.get(supply.variant_id) or 0, 0),
                              reference=f"supplier:{supplier.pk}")

"""Reads of the supplier side: suggestions for unmapped SKUs, consignment statements."""

from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Q, Sum

from catalog.models import Product, ProductVariant
from inventory.models import MovementKind, StockMovement

from .models import Sourcing, SupplierItem, VariantSupply

SIMILARITY_FLOOR = 0.2


@dataclass
class Suggestion:
    variant: ProductVariant
    reason: str  # "barcode" or "name"
    score: float


def supplier_items(cooperative, *, supplier=None, unmapped=None, active=None, search=""):
    items = SupplierItem.objects.of(cooperative)
    if supplier is not None:
        items = items.filter(supplier=supplier)
    if unmapped is not None:
        items = items.filter(variant__isnull=unmapped)
    if active is not None:
        items = items.filter(is_active=active)
    if search:
        items = items.filter(Q(supplier_sku__icontains=search) | Q(name__icontains=search)
                             | Q(barcode=search))
    return items


def item_suggestions(item: SupplierItem, limit: int = 5) -> list[Suggestion]:
    """Our variants this supplier item may be: same barcode first, then variants of the
    products whose names are most alike (compared per product: a catalog has several
    variants a product, and the comparison is what costs)."""
    variants = ProductVariant.objects.of(item.cooperative).select_related("product")
    found: list[Suggestion] = []
    if item.barcode:
        found = [Suggestion(v, "barcode", 1.0)
                 for v in variants.filter(barcode=item.barcode)[:limit]]
    if item.name and len(found) < limit:
        scores = dict(Product.objects.of(item.cooperative).annotate(
            score=TrigramSimilarity("name", item.name)).filter(
            score__gte=SIMILARITY_FLOOR).order_by("-score", "pk").values_list(
            "pk", "score")[:limit])
        similar = variants.filter(product__in=scores).exclude(
            pk__in=[s.variant.pk for s in found])
        ranked = sorted(similar, key=lambda v: (-scores[v.product_id], v.position, v.pk))
        found += [Suggestion(v, "name", round(scores[v.product_id], 3))
                  for v in ranked[:limit - len(found)]]
    return found


@dataclass
class StatementLine:
    variant: ProductVariant
    units_sold: int
    unit_cost: int
    amount: int


@dataclass
class ConsignmentStatement:
    supplier: object
    start: object
    end: object
    lines: list[StatementLine]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def consignment_statements(cooperative, start, end, supplier=None
                           ) -> list[ConsignmentStatement]:
    """What the cooperative owes each consignment supplier for units sold between `start`
    and `end` (returns by customers count back); unsold units are not paid for."""
    supplies = VariantSupply.objects.of(cooperative).filter(
        sourcing=Sourcing.CONSIGNMENT).select_related("supplier", "variant__product")
    if supplier is not None:
        supplies = supplies.filter(supplier=supplier)
    supplies = list(supplies)
    sold = dict(StockMovement.objects.filter(
        stock__variant__in=[s.variant_id for s in supplies],
        kind__in=[MovementKind.SALE, MovementKind.CUSTOMER_RETURN],
        created_at__gte=start, created_at__lt=end).values("stock__variant").annotate(
        total=Sum("quantity")).values_list("stock__variant", "total"))
    costs = {}
    for item in SupplierItem.objects.filter(
            variant__in=[s.variant_id for s in supplies], is_active=True).order_by("pk"):
        costs.setdefault((item.supplier_id, item.variant_id),
                         round(item.cost_per_pack / item.pack_size))
    by_supplier: dict[int, ConsignmentStatement] = {}
    for supply in supplies:
        units = max(0, -(sold.get(supply.variant_id) or 0))
        unit_cost = costs.get((supply.supplier_id, supply.variant_id), supply.average_cost)
        statement = by_supplier.setdefault(supply.supplier_id, ConsignmentStatement(
            supply.supplier, start, end, []))
        statement.lines.append(StatementLine(supply.variant, units, unit_cost,
                                             units * unit_cost))
    return sorted(by_supplier.values(), key=lambda s: s.supplier.name)


def supplier_delivery_figures(supplier) -> dict:
    """Damaged units over all orders, and units never delivered on closed orders."""
    from django.db.models import F

    from .models import PurchaseOrderLine, PurchaseOrderStatus

    lines = PurchaseOrderLine.objects.filter(order__supplier=supplier).exclude(
        order__status=PurchaseOrderStatus.CANCELLED)
    damaged = lines.aggregate(total=Sum("damaged_quantity"))["total"] or 0
    short = lines.filter(order__status=PurchaseOrderStatus.CLOSED).aggregate(total=Sum(
        F("packs") * F("pack_size") - F("received_quantity") - F("damaged_quantity")))["total"]
    return {"damaged": damaged, "shortfall": short or 0}


def failed_syncs(cooperative, limit: int = 10):
    """The latest supplier syncs that failed, for the manager's attention."""
    from .models import SupplierSync

    return SupplierSync.objects.of(cooperative).filter(
        status=SupplierSync.Status.FAILED).select_related("supplier").order_by("-pk")[:limit]

"""Purchase orders (draft -> sent -> partly received -> received -> closed; cancelled) and
goods receipt: received units enter stock through the inventory ledger (a RECEIPT movement)
and the variant's cost becomes the moving average."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.money import format_rupiah
from backend.validation import Problems
from inventory.models import Stock
from inventory.services import stock_receive
from suppliers.error_codes import SupplierErrorCode

from ..models import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderStatus,
    SupplierItem,
    VariantSupply,
)

NUMBER_LOCK = 4203
Status = PurchaseOrderStatus


def _error(field: str, message, code: str = CommonErrorCode.INVALID) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _next_number(cooperative) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [NUMBER_LOCK, cooperative.pk])
    count = PurchaseOrder.objects.of(cooperative).count()
    return f"PO-{count + 1:06d}"


def _clean_lines(supplier, lines: list[dict]) -> list[PurchaseOrderLine]:
    problems = Problems()
    if not lines:
        problems.add("lines", _("Add at least one line."), CommonErrorCode.REQUIRED)
    cleaned = []
    for index, line in enumerate(lines):
        variant = line.get("variant")
        item = line.get("supplier_item")
        if variant is None and item is not None:
            variant = item.variant
        if variant is None or variant.cooperative_id != supplier.cooperative_id:
            problems.add("lines", _("Line %(n)s: choose one of our variants.") % {"n": index + 1},
                         CommonErrorCode.REQUIRED)
            continue
        if item is None:
            item = SupplierItem.objects.filter(supplier=supplier, variant=variant,
                                               is_active=True).order_by("pk").first()
        elif item.supplier_id != supplier.pk:
            problems.add("lines", _("Line %(n)s: this item is another supplier's.")
                         % {"n": index + 1}, CommonErrorCode.INVALID)
            continue
        packs = line.get("packs")
        if not isinstance(packs, int) or not 0 < packs <= 1_000_000:
            problems.add("lines", _("Line %(n)s: give the number of packs, above zero.")
                         % {"n": index + 1}, CommonErrorCode.INVALID)
            continue
        pack_size = line.get("pack_size") or (item.pack_size if item else 1)
        if not isinstance(pack_size, int) or not 0 < pack_size <= 100_000:
            problems.add("lines", _("Line %(n)s: give the units per pack, above zero.")
                         % {"n": index + 1}, CommonErrorCode.INVALID)
            continue
        cost = line.get("cost_per_pack", item.cost_per_pack if item else None)
        if cost is None or not isinstance(cost, int) or not 0 <= cost <= 10**12:
            problems.add("lines", _("Line %(n)s: give the cost per pack.") % {"n": index + 1},
                         CommonErrorCode.REQUIRED)
            continue
        cleaned.append(PurchaseOrderLine(
            cooperative_id=supplier.cooperative_id, variant=variant, supplier_item=item,
            packs=packs, pack_size=pack_size, cost_per_pack=cost))
    problems.raise_if_any()
    return cleaned


@transaction.atomic
def purchase_order_create(cooperative, data: dict, *, actor=None) -> PurchaseOrder:
    supplier, location = data.get("supplier"), data.get("location")
    if supplier is None or supplier.cooperative_id != cooperative.pk:
        raise _error("supplier", _("Choose a supplier."), CommonErrorCode.REQUIRED)
    if location is None or location.cooperative_id != cooperative.pk:
        raise _error("location", _("Choose where the goods are delivered."),
                     CommonErrorCode.REQUIRED)
    lines = _clean_lines(supplier, data.get("lines") or [])
    order = PurchaseOrder.objects.create(
        cooperative=cooperative, supplier=supplier, location=location,
        number=_next_number(cooperative), note=data.get("note", ""),
        expected_on=data.get("expected_on"),
        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    for line in lines:
        line.order = order
    PurchaseOrderLine.objects.bulk_create(lines)
    return order


@transaction.atomic
def purchase_order_update(order: PurchaseOrder, data: dict) -> PurchaseOrder:
    order = PurchaseOrder.objects.select_for_update().get(pk=order.pk)
    if order.status != Status.DRAFT:
        raise _error("status", _("Only a draft can be changed; cancel and order again."),
                     SupplierErrorCode.NOT_DRAFT)
    if "location" in data:
        if data["location"] is None or data["location"].cooperative_id != order.cooperative_id:
            raise _error("location", _("Choose where the goods are delivered."),
                         CommonErrorCode.REQUIRED)
        order.location = data["location"]
    for name in ("note", "expected_on"):
        if name in data:
            setattr(order, name, data[name])
    if "lines" in data:
        lines = _clean_lines(order.supplier, data["lines"])
        order.lines.all().delete()
        for line in lines:
            line.order = order
        PurchaseOrderLine.objects.bulk_create(lines)
    order.save()
    return order


def printable(order: PurchaseOrder) -> str:
    lines = [{"sku": line.supplier_item.supplier_sku if line.supplier_item else line.variant.sku,
              "name": str(line.variant), "packs": line.packs, "pack_size": line.pack_size,
              "cost": format_rupiah(line.cost_per_pack), "total": format_rupiah(line.total)}
             for line in order.lines.select_related("supplier_item", "variant__product")]
    total = sum(line.total for line in order.lines.all())
    return render_to_string("suppliers/purchase_order.html", {
        "order": order, "lines": lines, "total": format_rupiah(total),
        "today": timezone.localdate()})


@transaction.atomic
def purchase_order_send(order: PurchaseOrder, *, actor=None) -> PurchaseOrder:
    """E-mail the order to the supplier, as a printable page (attached and in the body)."""
    order = PurchaseOrder.objects.select_for_update(of=("self",)).select_related(
        "supplier", "location", "cooperative").get(pk=order.pk)
    if order.status != Status.DRAFT:
        raise _error("status", _("This order was already sent."), SupplierErrorCode.NOT_DRAFT)
    if not order.supplier.email:
        raise _error("supplier", _("The supplier has no e-mail address; add one first."),
                     CommonErrorCode.REQUIRED)
    total = sum(line.total for line in order.lines.all())
    if total < order.supplier.minimum_order_value:
        raise _error("lines", _("The order comes to %(total)s; %(name)s takes orders from "
                                "%(minimum)s.") % {
            "total": format_rupiah(total), "name": order.supplier.name,
            "minimum": format_rupiah(order.supplier.minimum_order_value)},
            SupplierErrorCode.BELOW_MINIMUM)
    page = printable(order)
    subject = _("Purchase order %(number)s from %(name)s") % {
        "number": order.number, "name": order.cooperative.name}
    body = _("Please find our purchase order %(number)s attached. Reply to confirm the "
             "delivery date.") % {"number": order.number}
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL,
                                     [order.supplier.email])
    message.attach_alternative(page, "text/html")
    message.attach(f"{order.number}.html", page, "text/html")
    transaction.on_commit(message.send)
    order.status, order.sent_at = Status.SENT, timezone.now()
    order.save(update_fields=["status", "sent_at"])
    return order


@transaction.atomic
def purchase_order_cancel(order: PurchaseOrder) -> PurchaseOrder:
    order = PurchaseOrder.objects.select_for_update().get(pk=order.pk)
    if order.status not in (Status.DRAFT, Status.SENT):
        raise _error("status", _("Goods were already received; close the order instead."),
                     SupplierErrorCode.INVALID_STATUS)
    order.status = Status.CANCELLED
    order.save(update_fields=["status"])
    return order


@transaction.atomic
def purchase_order_close(order: PurchaseOrder) -> PurchaseOrder:
    """Nothing more will come: what was not delivered counts as a shortfall."""
    order = PurchaseOrder.objects.select_for_update().get(pk=order.pk)
    if order.status not in (Status.SENT, Status.PARTLY_RECEIVED, Status.RECEIVED):
        raise _error("status", _("Only a sent or received order can be closed."),
                     SupplierErrorCode.INVALID_STATUS)
    order.status, order.closed_at = Status.CLOSED, timezone.now()
    order.save(update_fields=["status", "closed_at"])
    return order


def _moving_average(old_units: int, old_cost: int, units: int, unit_cost: int) -> int:
    """Whole rupiah, halves rounded up."""
    if old_units <= 0:
        return unit_cost
    numerator = old_units * old_cost + units * unit_cost
    denominator = old_units + units
    return (2 * numerator + denominator) // (2 * denominator)


@transaction.atomic
def goods_receipt_create(order: PurchaseOrder, lines: list[dict], *, actor=None,
                         note: str = "") -> GoodsReceipt:
    """Record what arrived per line: good units into stock, damaged ones reported."""
    order = PurchaseOrder.objects.select_for_update(of=("self",)).select_related("location").get(
        pk=order.pk)
    if order.status not in (Status.SENT, Status.PARTLY_RECEIVED):
        raise _error("status", _("Only a sent order can be received."),
                     SupplierErrorCode.INVALID_STATUS)
    own = {line.pk: line for line in order.lines.select_for_update(of=("self",)).select_related(
        "variant")}
    problems = Problems()
    checked = []
    taken: dict[int, int] = {}  # units already claimed in this receipt, per line
    for index, entry in enumerate(lines):
        line = own.get(getattr(entry.get("line"), "pk", entry.get("line")))
        received, damaged = entry.get("received_quantity", 0), entry.get("damaged_quantity", 0)
        if line is None:
            problems.add("lines", _("Line %(n)s is not on this order.") % {"n": index + 1},
                         CommonErrorCode.NOT_FOUND)
            continue
        if not all(isinstance(q, int) and q >= 0 for q in (received, damaged)) or \
                received + damaged == 0:
            problems.add("lines", _("Line %(n)s: give the units received or damaged.")
                         % {"n": index + 1}, CommonErrorCode.INVALID)
            continue
        left = line.outstanding - taken.get(line.pk, 0)
        if received + damaged > left:
            problems.add("lines", _("Line %(n)s: only %(left)s units are still expected.")
                         % {"n": index + 1, "left": left}, SupplierErrorCode.TOO_MANY)
            continue
        taken[line.pk] = taken.get(line.pk, 0) + received + damaged
        unit_cost = entry.get("unit_cost")
        if unit_cost is None:
            unit_cost = (2 * line.cost_per_pack + line.pack_size) // (2 * line.pack_size)
        if not isinstance(unit_cost, int) or not 0 <= unit_cost <= 10**12:
            problems.add("lines", _("Line %(n)s: the cost is not a whole rupiah amount.")
                         % {"n": index + 1}, CommonErrorCode.INVALID)
            continue
        checked.append((line, received, damaged, unit_cost, entry))
    if not lines:
        problems.add("lines", _("Say what arrived."), CommonErrorCode.REQUIRED)
    problems.raise_if_any()
    receipt = GoodsReceipt.objects.create(cooperative_id=order.cooperative_id, order=order,
                                          note=note or "", actor=actor if getattr(
                                              actor, "is_authenticated", False) else None)
    for line, received, damaged, unit_cost, entry in checked:
        if received:
            supply, _created = VariantSupply.objects.select_for_update().get_or_create(
                variant=line.variant, defaults={"cooperative_id": order.cooperative_id})
            units_before = Stock.objects.filter(variant=line.variant).aggregate(
                total=Sum("on_hand"))["total"] or 0
            stock_receive(line.variant, order.location, received, actor=actor,
                          reference=f"{order.number}")
            supply.average_cost = _moving_average(units_before, supply.average_cost,
                                                  received, unit_cost)
            supply.save(update_fields=["average_cost", "updated_at"])
        GoodsReceiptLine.objects.create(
            cooperative_id=order.cooperative_id, receipt=receipt, order_line=line,
            received_quantity=received, damaged_quantity=damaged,
            batch=(entry.get("batch") or "")[:60], expiry_date=entry.get("expiry_date"),
            unit_cost=unit_cost)
        line.received_quantity += received
        line.damaged_quantity += damaged
        line.save(update_fields=["received_quantity", "damaged_quantity"])
    done = all(line.outstanding == 0 for line in own.values())
    order.status = Status.RECEIVED if done else Status.PARTLY_RECEIVED
    order.save(update_fields=["status"])
    return receipt

"""Restocking in the manager console: reorder suggestions per store become purchase orders
in one step; orders are sent, goods received into stock; stock adjusted and moved with a
reason; the movement history. Each page calls the suppliers and inventory services."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.accounts.permissions import Permission
from catalog.models import ProductVariant
from inventory.models import Location, StockMovement
from inventory.services import stock_adjust, stock_transfer
from suppliers.models import PurchaseOrder
from suppliers.selectors import failed_syncs
from suppliers.services.purchasing import (
    goods_receipt_create,
    purchase_order_cancel,
    purchase_order_send,
)
from suppliers.services.reorder import (
    REORDER_LIST_MAX,
    purchase_order_create_from_suggestions,
    reorder_list,
)

from ..access import cooperative_of
from ..inputs import object_id, rupiah, whole


def _location(cooperative, location_id) -> Location:
    return get_object_or_404(Location.objects.of(cooperative), pk=object_id(location_id))


@login_required
@require_http_methods(["GET", "POST"])
def suggestions(request, slug: str):
    """What to buy for one store; the ticked ones become draft orders, one per supplier."""
    cooperative = cooperative_of(request, slug, Permission.MANAGE_SUPPLIERS)
    locations = list(Location.objects.of(cooperative).filter(is_active=True))
    if not locations:
        return render(request, "dashboard/manage/restock.html", {
            "cooperative": cooperative, "locations": [], "rows": []})
    chosen = request.POST.get("location") or request.GET.get("location") or locations[0].pk
    location = _location(cooperative, chosen)
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("variant") if i.isdigit()]
        variants = ProductVariant.objects.of(cooperative).in_bulk(ids)
        picks = []
        for pk in ids:
            if pk in variants:
                packs = (request.POST.get(f"packs-{pk}") or "").strip()
                picks.append({"variant": variants[pk],
                              "packs": int(packs) if packs.isdigit() and int(packs) else None})
        try:
            orders = purchase_order_create_from_suggestions(cooperative, location, picks,
                                                            actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(n)s purchase orders drafted.") % {"n": len(orders)})
            return redirect("dashboard:manage-purchase-orders", slug)
    rows = [(row.suggestion, row.variant, row.supplier)
            for row in reorder_list(cooperative, location, limit=REORDER_LIST_MAX)]
    return render(request, "dashboard/manage/restock.html", {
        "cooperative": cooperative, "locations": locations, "location": location,
        "rows": rows})


@login_required
def purchase_orders(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_SUPPLIERS)
    return render(request, "dashboard/manage/purchase_orders.html", {
        "cooperative": cooperative,
        "orders": PurchaseOrder.objects.of(cooperative).select_related(
            "supplier", "location").order_by("-pk")[:100],
        "failed": failed_syncs(cooperative)})


def _purchase_order(cooperative, order_id) -> PurchaseOrder:
    return get_object_or_404(PurchaseOrder.objects.of(cooperative).select_related(
        "supplier", "location"), pk=order_id)


@login_required
def purchase_order(request, slug: str, order_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_SUPPLIERS)
    order = _purchase_order(cooperative, order_id)
    return render(request, "dashboard/manage/purchase_order.html", {
        "cooperative": cooperative, "order": order,
        "lines": order.lines.select_related("variant__product"),
        "receipts": order.receipts.prefetch_related("lines")})


@login_required
@require_POST
def purchase_order_act(request, slug: str, order_id: int, action: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_SUPPLIERS)
    order = _purchase_order(cooperative, order_id)
    try:
        if action == "send":
            purchase_order_send(order, actor=request.user)
            messages.success(request, _("Sent to %(supplier)s.") % {
                "supplier": order.supplier.name})
        elif action == "cancel":
            purchase_order_cancel(order)
            messages.success(request, _("Cancelled."))
        elif action == "receive":
            goods_receipt_create(order, _receipt_lines(order, request.POST),
                                 actor=request.user, note=request.POST.get("note", ""))
            messages.success(request, _("Goods received into stock."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("dashboard:manage-purchase-order", slug, order.pk)


def _receipt_lines(order, post) -> list[dict]:
    lines = []
    for line in order.lines.all():
        received = whole(post.get(f"received-{line.pk}")) or 0
        damaged = whole(post.get(f"damaged-{line.pk}")) or 0
        if not (received or damaged):
            continue
        expiry = post.get(f"expiry-{line.pk}") or ""
        try:
            expiry_date = datetime.date.fromisoformat(expiry) if expiry else None
        except ValueError:
            raise ValidationError({"lines": ValidationError(
                _("Enter the expiry date as a date."), code="invalid")}) from None
        entry = {"line": line, "received_quantity": received, "damaged_quantity": damaged,
                 "batch": post.get(f"batch-{line.pk}", ""), "expiry_date": expiry_date}
        cost = rupiah(post.get(f"cost-{line.pk}"))
        if cost is not None:
            entry["unit_cost"] = cost
        lines.append(entry)
    return lines


@login_required
@require_http_methods(["GET", "POST"])
def stock(request, slug: str):
    """Count a shelf (adjust with a reason), move stock between places, and see history."""
    cooperative = cooperative_of(request, slug, Permission.MANAGE_INVENTORY)
    locations = list(Location.objects.of(cooperative).filter(is_active=True))
    if request.method == "POST":
        variant = ProductVariant.objects.of(cooperative).filter(
            sku=(request.POST.get("sku") or "").strip().upper()).first()
        try:
            if variant is None:
                raise ValidationError({"sku": ValidationError(_("No product with this SKU."),
                                                              code="not_found")})
            source = _location(cooperative, request.POST.get("location"))
            if request.POST.get("action") == "transfer":
                stock_transfer(variant, source, _location(cooperative, request.POST.get(
                    "target")), whole(request.POST.get("quantity")) or 0,
                    actor=request.user, reason=request.POST.get("reason", ""))
            else:
                counted = whole(request.POST.get("counted"))
                stock_adjust(variant, source, counted=-1 if counted is None else counted,
                             reason=request.POST.get("reason", ""), actor=request.user)
            messages.success(request, _("Stock of %(sku)s saved.") % {"sku": variant.sku})
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("dashboard:manage-stock", slug)
    movements = StockMovement.objects.of(cooperative).select_related(
        "stock__variant__product", "stock__location", "actor")[:50]
    return render(request, "dashboard/manage/stock.html", {
        "cooperative": cooperative, "locations": locations, "movements": movements})

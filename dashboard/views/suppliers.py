"""Suppliers in the manager console: the register, each supplier's feed (schedule, upload,
sync history with its change reports), unmapped SKUs with suggestions, reorder suggestions
per store that become purchase orders in one step, purchase orders sent, printed and
received into stock. Each page calls the suppliers services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.accounts.permissions import Permission
from backend.pages import form_add_errors, messages_add_errors
from backend.uploads import SPREADSHEET_MAX_BYTES, upload_size_check
from catalog.models import ProductVariant
from inventory.models import Location
from suppliers.models import PurchaseOrder, Supplier, SupplierItem, SupplierSync, SyncSource
from suppliers.selectors import failed_syncs, item_suggestions, supplier_items
from suppliers.services.feeds import feed_rows, feed_sync, format_of, sha256_of
from suppliers.services.pull import feed_source_of, feed_source_update
from suppliers.services.purchasing import (
    goods_receipt_create,
    printable,
    purchase_order_cancel,
    purchase_order_send,
)
from suppliers.services.register import supplier_item_map, supplier_save
from suppliers.services.reorder import (
    REORDER_LIST_MAX,
    purchase_order_create_from_suggestions,
    reorder_list,
)

from ..access import cooperative_of, location_of, object_of
from ..forms import FeedScheduleForm, FeedUploadForm, SupplierForm, SupplierItemMapForm
from ..inputs import day, object_ids, rupiah, whole

UNMAPPED_SHOWN = 30


@login_required
@require_http_methods(["GET", "POST"])
def supplier_list(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_SUPPLIERS)
    form = SupplierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            supplier = supplier_save(cooperative, form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Supplier added."))
            return redirect("dashboard:manage-supplier", slug, supplier.pk)
    return render(request, "dashboard/manage/suppliers.html", {
        "cooperative": cooperative, "form": form,
        "suppliers": Supplier.objects.of(cooperative).order_by("-is_active", "name")},
        status=400 if form.errors else 200)


def _supplier(cooperative, supplier_id) -> Supplier:
    return object_of(Supplier.objects.all(), supplier_id, cooperative=cooperative)


@login_required
@require_http_methods(["GET", "POST"])
def supplier_detail(request, slug: str, supplier_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_SUPPLIERS)
    supplier = _supplier(cooperative, supplier_id)
    source = feed_source_of(supplier)
    details = SupplierForm(initial={f: getattr(supplier, f) for f in SupplierForm.base_fields})
    schedule = FeedScheduleForm(initial={"url": source.url, "format": source.format,
                                         "every_hours": source.every_hours,
                                         "pull_enabled": source.pull_enabled})
    if request.method == "POST":
        is_schedule = request.POST.get("form") == "schedule"
        form = (FeedScheduleForm if is_schedule else SupplierForm)(request.POST)
        if form.is_valid():
            try:
                if is_schedule:
                    feed_source_update(supplier, form.cleaned_data)
                else:
                    supplier_save(cooperative, form.cleaned_data, supplier)
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("dashboard:manage-supplier", slug, supplier.pk)
        if is_schedule:
            schedule = form
        else:
            details = form
    unmapped = list(supplier_items(cooperative, supplier=supplier, unmapped=True,
                                   active=True)[:UNMAPPED_SHOWN])
    return render(request, "dashboard/manage/supplier.html", {
        "cooperative": cooperative, "supplier": supplier, "details": details,
        "schedule": schedule,
        "unmapped": [(item, item_suggestions(item)) for item in unmapped],
        "syncs": SupplierSync.objects.filter(supplier=supplier).order_by("-pk")[:20]},
        status=400 if details.errors or schedule.errors else 200)


@login_required
@require_POST
def supplier_item_map_view(request, slug: str, supplier_id: int, item_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_SUPPLIERS)
    supplier = _supplier(cooperative, supplier_id)
    item = object_of(SupplierItem.objects.filter(supplier=supplier), item_id,
                     cooperative=cooperative)
    ours = ProductVariant.objects.of(cooperative)
    form = SupplierItemMapForm(request.POST)
    typed = form.cleaned_data if form.is_valid() else {}
    sku = (typed.get("sku") or "").upper()
    # A typed SKU wins over the ticked suggestion: the manager knows better.
    variant = ours.filter(sku=sku).first() if sku else ours.filter(
        pk=typed.get("variant") or 0).first()
    if variant is None:
        messages.error(request, _("Choose one of our products, or type its SKU."))
    else:
        supplier_item_map(item, variant, preferred=request.POST.get("preferred") == "1")
        messages.success(request, _("%(sku)s is now %(product)s.") % {
            "sku": item.supplier_sku, "product": variant})
    return redirect("dashboard:manage-supplier", slug, supplier.pk)


@login_required
def supplier_sync_report(request, slug: str, supplier_id: int, sync_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_SUPPLIERS)
    supplier = _supplier(cooperative, supplier_id)
    sync = object_of(SupplierSync.objects.filter(supplier=supplier), sync_id,
                     cooperative=cooperative)
    return render(request, "dashboard/manage/supplier_sync.html", {
        "cooperative": cooperative, "supplier": supplier, "sync": sync})


@login_required
@require_http_methods(["GET", "POST"])
def supplier_feed(request, supplier_id: int):
    supplier = object_of(Supplier.objects.select_related("cooperative"), supplier_id,
                         user=request.user, permission=Permission.MANAGE_SUPPLIERS)
    form, sync = FeedUploadForm(), None
    if request.method == "POST":
        form = FeedUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                upload = upload_size_check(form.cleaned_data["file"], "file",
                                           SPREADSHEET_MAX_BYTES)
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                source = feed_source_of(supplier)
                stream = upload.file
                sync = feed_sync(
                    supplier, feed_rows(stream, format_of(upload.name, source.format),
                                        source.column_mapping),
                    source=SyncSource.UPLOAD, actor=request.user, filename=upload.name,
                    content_sha256=sha256_of(stream), dry_run=not form.cleaned_data["apply"],
                    apply_valid_rows=form.cleaned_data["apply_valid_rows"])
    history = SupplierSync.objects.filter(supplier=supplier)[:10]
    return render(request, "dashboard/supplier_feed.html", {
        "supplier": supplier, "form": form, "sync": sync, "history": history},
        status=400 if form.errors else 200)


# -- restocking ------------------------------------------------------------------------------
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
    location = location_of(cooperative, chosen)
    if request.method == "POST":
        ids = object_ids(request.POST.getlist("variant"))
        variants = ProductVariant.objects.of(cooperative).in_bulk(ids)
        picks = [{"variant": variants[pk], "packs": whole(request.POST.get(f"packs-{pk}")) or None}
                 for pk in ids if pk in variants]
        try:
            orders = purchase_order_create_from_suggestions(cooperative, location, picks,
                                                            actor=request.user)
        except ValidationError as error:
            messages_add_errors(request, error)
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
    return object_of(PurchaseOrder.objects.select_related("supplier", "location"), order_id,
                     cooperative=cooperative)


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
        messages_add_errors(request, error)
    return redirect("dashboard:manage-purchase-order", slug, order.pk)


def _receipt_lines(order, post) -> list[dict]:
    lines = []
    for line in order.lines.all():
        received = whole(post.get(f"received-{line.pk}")) or 0
        damaged = whole(post.get(f"damaged-{line.pk}")) or 0
        if not (received or damaged):
            continue
        expiry = (post.get(f"expiry-{line.pk}") or "").strip()
        expiry_date = day(expiry) if expiry else None
        if expiry and expiry_date is None:
            raise ValidationError({"lines": ValidationError(
                _("Enter the expiry date as a date."), code="invalid")})
        entry = {"line": line, "received_quantity": received, "damaged_quantity": damaged,
                 "batch": post.get(f"batch-{line.pk}", ""), "expiry_date": expiry_date}
        cost = rupiah(post.get(f"cost-{line.pk}"))
        if cost is not None:
            entry["unit_cost"] = cost
        lines.append(entry)
    return lines


@login_required
def purchase_order_print(request, order_id: int):
    order = object_of(PurchaseOrder.objects.select_related(
        "cooperative", "supplier", "location"), order_id, user=request.user,
        permission=Permission.MANAGE_SUPPLIERS)
    return HttpResponse(printable(order))

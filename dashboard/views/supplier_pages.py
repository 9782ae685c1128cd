"""Suppliers in the manager console: the register, each supplier's feed schedule, its
unmapped SKUs with suggestions, and its sync history with the change reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.accounts.permissions import Permission
from backend.pages import form_add_errors
from catalog.models import ProductVariant
from suppliers.models import Supplier, SupplierItem, SupplierSync
from suppliers.selectors import item_suggestions, supplier_items
from suppliers.services.pull import feed_source_of, feed_source_update
from suppliers.services.register import supplier_item_map, supplier_save

from ..access import cooperative_of
from ..forms import FeedScheduleForm, SupplierForm
from ..inputs import object_id

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
    return get_object_or_404(Supplier.objects.of(cooperative), pk=supplier_id)


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
    item = get_object_or_404(SupplierItem, pk=item_id, supplier=supplier)
    ours = ProductVariant.objects.of(cooperative)
    sku = (request.POST.get("sku") or "").strip().upper()
    # A typed SKU wins over the ticked suggestion: the manager knows better.
    variant = ours.filter(sku=sku).first() if sku else ours.filter(
        pk=object_id(request.POST.get("variant"))).first()
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
    sync = get_object_or_404(SupplierSync, pk=sync_id, supplier=supplier)
    return render(request, "dashboard/manage/supplier_sync.html", {
        "cooperative": cooperative, "supplier": supplier, "sync": sync})

"""Stock in the manager console: count a shelf (adjust with a reason), move stock between
stores, and the movement history, through the inventory services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.accounts.permissions import Permission
from backend.jobs.selectors import job_visible_to
from backend.jobs.services import job_progress_of
from backend.pages import messages_add_errors
from backend.uploads import SPREADSHEET_MAX_BYTES, read_upload
from catalog.models import ProductVariant
from inventory.models import Location, StockMovement
from inventory.services import stock_adjust, stock_transfer
from inventory.stock_import import KIND as STOCK_IMPORT
from inventory.stock_import import stock_import_apply, stock_import_start

from ..access import cooperative_of, location_of
from ..forms import StockForm


@login_required
@require_http_methods(["GET", "POST"])
def stock(request, slug: str):
    """Count a shelf (adjust with a reason), move stock between places, and see history."""
    cooperative = cooperative_of(request, slug, Permission.MANAGE_INVENTORY)
    locations = list(Location.objects.of(cooperative).filter(is_active=True))
    if request.method == "POST":
        form = StockForm(request.POST)
        if not form.is_valid():
            messages_add_errors(request, form)
            return redirect("dashboard:manage-stock", slug)
        typed = form.cleaned_data
        variant = ProductVariant.objects.of(cooperative).filter(
            sku=typed["sku"].upper()).first()
        try:
            if variant is None:
                raise ValidationError({"sku": ValidationError(_("No product with this SKU."),
                                                              code="not_found")})
            source = location_of(cooperative, typed["location"])
            if request.POST.get("action") == "transfer":
                stock_transfer(variant, source, location_of(cooperative, typed["target"]),
                               typed["quantity"], actor=request.user,
                               reason=typed["reason"])
            else:
                # None when nothing was typed: the service says a number is needed.
                stock_adjust(variant, source, counted=typed["counted"], reason=typed["reason"],
                             actor=request.user)
            messages.success(request, _("Stock of %(sku)s saved.") % {"sku": variant.sku})
        except ValidationError as error:
            messages_add_errors(request, error)
        return redirect("dashboard:manage-stock", slug)
    movements = StockMovement.objects.of(cooperative).select_related(
        "stock__variant__product", "stock__location", "actor")[:50]
    return render(request, "dashboard/manage/stock.html", {
        "cooperative": cooperative, "locations": locations, "movements": movements})


@login_required
@require_POST
def stock_import_start_page(request, slug: str):
    """Start a check of a stock sheet, or apply a finished check (`apply`): in a worker."""
    cooperative = cooperative_of(request, slug, Permission.MANAGE_INVENTORY)
    upload = request.FILES.get("file")
    try:
        if upload is not None:
            job = stock_import_start(cooperative, request.user, filename=upload.name,
                                     content=read_upload(upload, "file", SPREADSHEET_MAX_BYTES))
        else:
            job = stock_import_apply(cooperative, request.user, request.POST.get("apply", ""))
    except ValidationError as error:
        messages_add_errors(request, error)
        return redirect("dashboard:manage-stock", slug)
    return redirect("dashboard:manage-stock-import", slug, job.pk)


@login_required
def stock_import_page(request, slug: str, job_id: str):
    """How far the stock import has come; the page refreshes itself until the report is in."""
    cooperative = cooperative_of(request, slug, Permission.MANAGE_INVENTORY)
    job = job_visible_to(request.user, job_id, cooperative)
    if job is None or job.kind != STOCK_IMPORT:
        raise Http404
    progress, _total = job_progress_of(job)
    return render(request, "dashboard/manage/stock_import.html", {
        "cooperative": cooperative, "job": job, "job_id": str(job.pk), "progress": progress,
        "report": {**job.result, "errors": job.errors} if job.result is not None else None})

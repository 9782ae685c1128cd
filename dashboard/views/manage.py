"""The manager console: today's work, the member register (search and import) and staff.
Each page checks the person's permission in the cooperative named by its URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.accounts.models import StaffMembership
from backend.accounts.permissions import Permission, Role
from backend.accounts.services import staff_member_add, staff_member_remove
from backend.jobs.selectors import job_visible_to
from backend.jobs.services import job_progress_of
from backend.pages import error_text, messages_add_errors
from backend.uploads import SPREADSHEET_MAX_BYTES, read_upload
from catalog.models import Product, ProductStatus, Seller, SellerStatus
from inventory.models import Stock
from members.selectors import member_search
from members.services.import_jobs import KIND as MEMBER_IMPORT
from members.services.import_jobs import member_import_apply, member_import_start
from orders.selectors import orders_today
from suppliers.selectors import failed_syncs

from ..access import cooperative_of, object_of
from ..forms import SearchForm

LOW_STOCK = 5


@login_required
def today(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.HANDLE_SALES)
    low = Stock.objects.of(cooperative).filter(on_hand__lte=F("allocated") + LOW_STOCK,
                                               location__is_active=True)
    return render(request, "dashboard/manage/today.html", {
        "cooperative": cooperative, **orders_today(cooperative),
        "products_in_review": Product.objects.of(cooperative).filter(
            status=ProductStatus.IN_REVIEW).count(),
        "sellers_pending": Seller.objects.of(cooperative).filter(
            status=SellerStatus.PENDING).count(),
        "low_stock": low.select_related("variant__product", "location").order_by(
            "on_hand")[:20],
        "failed_syncs": failed_syncs(cooperative)})


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug: str):
    """Search the register; import a spreadsheet. The import runs in a worker: first a check
    (new, changed, deactivated, errors by row), then, when the manager says so, the same
    file applied whole."""
    cooperative = cooperative_of(request, slug, Permission.MANAGE_MEMBERS)
    search = SearchForm(request.GET)
    context = {"cooperative": cooperative,
               "query": search.cleaned_data["q"] if search.is_valid() else ""}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None and not request.POST.get("apply"):
            context["upload_error"] = _("Choose the spreadsheet with the register.")
            return render(request, "dashboard/manage/members.html", context, status=400)
        try:
            if upload is not None:
                job = member_import_start(cooperative, request.user,
                                          content=read_upload(upload, "file",
                                                              SPREADSHEET_MAX_BYTES),
                                          filename=upload.name,
                                          full_sync=request.POST.get("full_sync") == "1")
            else:
                job = member_import_apply(cooperative, request.user, request.POST["apply"])
        except ValidationError as error:
            messages_add_errors(request, error)
            return redirect("dashboard:manage-members", slug)
        return redirect("dashboard:manage-member-import", slug, job.pk)
    found = member_search(cooperative, context["query"]) if context["query"] else None
    context["found"] = found.order_by("member_number")[:50] if found is not None else None
    return render(request, "dashboard/manage/members.html", context)


@login_required
def member_import(request, slug: str, job_id: str):
    """How far the import has come (the page refreshes itself until the report is ready)."""
    cooperative = cooperative_of(request, slug, Permission.MANAGE_MEMBERS)
    job = job_visible_to(request.user, job_id, cooperative)
    if job is None or job.kind != MEMBER_IMPORT:
        raise Http404
    progress, _total = job_progress_of(job)
    return render(request, "dashboard/manage/member_import.html", {
        "cooperative": cooperative, "job": job, "job_id": str(job.pk), "progress": progress,
        "report": {**job.result, "errors": job.errors} if job.result is not None else None})


@login_required
@require_http_methods(["GET", "POST"])
def staff(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_STAFF)
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("remove"):
                membership = object_of(StaffMembership.objects.all(), request.POST.get("remove"),
                                       cooperative=cooperative)
                staff_member_remove(membership)
                messages.success(request, _("Removed."))
            else:
                staff_member_add(cooperative, login=request.POST.get("login", ""),
                                 role=request.POST.get("role", ""),
                                 full_name=request.POST.get("full_name", ""))
                messages.success(request, _("Added. New people get an e-mail to set a "
                                            "password."))
            return redirect("dashboard:manage-staff", slug)
        except ValidationError as exc:
            error = error_text(exc)
    return render(request, "dashboard/manage/staff.html", {
        "cooperative": cooperative, "error": error, "roles": Role.choices,
        "staff": StaffMembership.objects.filter(cooperative=cooperative).select_related(
            "user").order_by("role", "user__full_name")}, status=400 if error else 200)


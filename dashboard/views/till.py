"""The till in the manager console: shifts with their cash differences, till sales (flagged
ones to look at), stock the counter sold below zero (to count), and setting the till up:
who works which store, the manager's PIN, the static QRIS and the scale's barcode layout."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.accounts.models import StaffMembership
from backend.accounts.permissions import Permission, Role
from backend.accounts.selectors import has_permission
from backend.pages import messages_add_errors
from inventory.models import Location, LocationKind
from inventory.selectors import stock_discrepancies
from till.models import PriceBarcodeLayout, Shift, TillStaff
from till.selectors import till_sales, till_settings_of
from till.services.settings import till_settings_update
from till.services.shifts import till_manager_pin_set, till_staff_assign

from ..access import cooperative_of, location_of
from ..inputs import object_id


def _setup(request, cooperative) -> None:
    action = request.POST.get("action")
    needed = {"assign": Permission.MANAGE_STAFF, "settings": Permission.MANAGE_COOPERATIVE,
              "pin": Permission.VIEW_REPORTS}.get(action)
    if needed is None or not has_permission(request.user, cooperative, needed):
        raise PermissionDenied
    if action == "assign":
        member = get_object_or_404(StaffMembership, cooperative=cooperative,
                                   pk=object_id(request.POST.get("staff_member")))
        till_staff_assign(location_of(cooperative, request.POST.get("location")), member.user,
                          assigned=request.POST.get("assigned") != "0")
    elif action == "pin":
        till_manager_pin_set(cooperative, request.user, request.POST.get("pin", ""))
    else:
        till_settings_update(cooperative, {f: request.POST.get(f) for f in (
            "price_barcode_layout", "static_qris", "receipt_footer")})


@login_required
@require_http_methods(["GET", "POST"])
def till_console(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.VIEW_REPORTS)
    if request.method == "POST":
        try:
            _setup(request, cooperative)
            messages.success(request, _("Saved."))
        except ValidationError as error:
            messages_add_errors(request, error)
        return redirect("dashboard:manage-till", slug)
    return render(request, "dashboard/manage/till.html", {
        "cooperative": cooperative,
        "shifts": Shift.objects.of(cooperative).select_related("location", "cashier")[:50],
        "flagged": till_sales(cooperative, flagged=True).select_related("location")[:50],
        "sales": till_sales(cooperative).select_related("location", "cashier")[:50],
        "discrepancies": stock_discrepancies(cooperative)[:100],
        "stores": Location.objects.of(cooperative).filter(kind=LocationKind.STORE,
                                                          is_active=True),
        "staff": StaffMembership.objects.filter(cooperative=cooperative).exclude(
            role=Role.MANAGER).select_related("user"),
        "assignments": TillStaff.objects.of(cooperative).exclude(location=None).select_related(
            "user", "location"),
        "settings": till_settings_of(cooperative), "layouts": PriceBarcodeLayout.choices})

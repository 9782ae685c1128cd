"""Stock in the manager console: count a shelf (adjust with a reason), move stock between
stores, and the movement history, through the inventory services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.accounts.permissions import Permission
from backend.pages import messages_add_errors
from catalog.models import ProductVariant
from inventory.models import Location, StockMovement
from inventory.services import stock_adjust, stock_transfer

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

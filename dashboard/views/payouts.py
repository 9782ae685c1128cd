import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.accounts.permissions import Permission
from backend.pages import messages_add_errors
from orders.models import PayoutEntry, SellerPayout
from orders.services.payouts import payouts_create, seller_payout_mark_paid

from ..access import cooperative_of, object_of
from ..forms import PayoutPeriodForm


@login_required
@require_http_methods(["GET", "POST"])
def payouts(request, slug: str):
    """Close a period into statements, and mark statements paid."""
    cooperative = cooperative_of(request, slug, Permission.MANAGE_ORDERS)
    if request.method == "POST":
        try:
            if request.POST.get("paid"):
                payout = object_of(SellerPayout.objects.all(), request.POST.get("paid"),
                                   cooperative=cooperative)
                seller_payout_mark_paid(payout, request.user,
                                        reference=request.POST.get("reference", ""))
                messages.success(request, _("Marked paid."))
            else:
                period = PayoutPeriodForm(request.POST)
                if period.is_valid():
                    made = payouts_create(cooperative,
                                          period_end=period.cleaned_data["period_end"])
                    messages.success(request, _("%(n)s statements made.") % {"n": len(made)})
                else:
                    messages_add_errors(request, period)
        except ValidationError as error:
            messages_add_errors(request, error)
        return redirect("dashboard:manage-payouts", slug)
    open_total = sum(PayoutEntry.objects.of(cooperative).filter(
        payout__isnull=True).values_list("amount", flat=True))
    return render(request, "dashboard/manage/payouts.html", {
        "cooperative": cooperative, "open_total": open_total,
        "yesterday": timezone.localdate() - datetime.timedelta(days=1),
        "payouts": SellerPayout.objects.of(cooperative).select_related("seller")[:100]})

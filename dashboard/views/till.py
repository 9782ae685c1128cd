"""The till in the manager console: shifts with their cash differences, till sales (flagged
ones first to look at), and stock the counter sold below zero, to count."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from backend.accounts.permissions import Permission
from inventory.selectors import stock_discrepancies
from till.models import Shift
from till.selectors import till_sales

from ..access import cooperative_of


@login_required
def till_console(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.VIEW_REPORTS)
    return render(request, "dashboard/manage/till.html", {
        "cooperative": cooperative,
        "shifts": Shift.objects.of(cooperative).select_related("location", "cashier")[:50],
        "flagged": till_sales(cooperative, flagged=True).select_related("location")[:50],
        "sales": till_sales(cooperative).select_related("location", "cashier")[:50],
        "discrepancies": stock_discrepancies(cooperative)[:100]})

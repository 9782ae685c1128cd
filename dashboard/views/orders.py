"""Orders in the manager console: find them, confirm transfers, take payment at pickup, hand
over, deliver, cancel and refund, through the order services; and the sales reports."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.accounts.permissions import Permission
from backend.accounts.selectors import has_permission
from backend.money import format_rupiah
from backend.pages import messages_add_errors
from catalog.services.common import can_act_for_seller
from orders.models import LineFulfilment, Order, OrderStatus
from orders.reports import sales_report, sales_report_xlsx
from orders.services import lifecycle
from orders.services.fulfilment import order_lines_fulfill
from orders.services.refunds import order_refund

from .. import charts
from ..access import cooperative_of
from ..forms import OrderSearchForm, ReportPeriodForm
from ..inputs import whole


@login_required
def order_list(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.HANDLE_SALES)
    search = OrderSearchForm(request.GET)
    if not search.is_valid():
        messages_add_errors(request, search)
    status = search.cleaned_data.get("status") or ""
    query = search.cleaned_data.get("q") or ""
    orders = Order.objects.of(cooperative).select_related("pickup_location")
    if status:
        orders = orders.filter(status=status)
    if query:
        orders = orders.filter(number__icontains=query) | orders.filter(phone__endswith=query[-8:])
    return render(request, "dashboard/manage/orders.html", {
        "cooperative": cooperative, "orders": orders[:100], "statuses": OrderStatus.choices,
        "status": status, "query": query}, status=200 if search.is_valid() else 400)


def _order(cooperative, number: str) -> Order:
    return get_object_or_404(Order.objects.of(cooperative).select_related(
        "pickup_location", "member"), number=number)


@login_required
def order_detail(request, slug: str, number: str):
    cooperative = cooperative_of(request, slug, Permission.HANDLE_SALES)
    order = _order(cooperative, number)
    lines = list(order.lines.select_related("seller"))
    unpacked = [line for line in lines
                if line.open_quantity and line.fulfilment == LineFulfilment.PENDING]
    return render(request, "dashboard/manage/order.html", {
        "cooperative": cooperative, "order": order, "lines": lines, "unpacked": unpacked,
        "can_pack": all(can_act_for_seller(request.user, line.seller) for line in unpacked),
        "events": order.events.select_related("actor"), "refunds": order.refunds.all(),
        "can_manage": has_permission(request.user, cooperative, Permission.MANAGE_ORDERS)})


@login_required
def order_receipt(request, slug: str, number: str):
    """A receipt / invoice to print: A4, or a 58 mm receipt printer roll (?ukuran=58)."""
    cooperative = cooperative_of(request, slug, Permission.HANDLE_SALES)
    order = _order(cooperative, number)
    return render(request, "dashboard/manage/receipt.html", {
        "cooperative": cooperative, "order": order, "lines": order.lines.all(),
        "roll": request.GET.get("ukuran") == "58"})


ACTIONS = {
    # action: (permission, call)
    "mark_paid": (Permission.HANDLE_SALES,
                  lambda order, user, post: lifecycle.order_mark_paid(order, user)),
    "hand_over": (Permission.HANDLE_SALES, lambda order, user, post: lifecycle.order_hand_over(
        order, user, pickup_code=post.get("pickup_code", ""))),
    "delivered": (Permission.HANDLE_SALES,
                  lambda order, user, post: lifecycle.order_mark_delivered(order, user)),
    "reject_proof": (Permission.MANAGE_ORDERS, lambda order, user, post:
                     lifecycle.order_payment_reject(order, user, post.get("reason", ""))),
    "lines_ready": (Permission.HANDLE_SALES, lambda order, user, post: order_lines_fulfill(
        list(order.lines.filter(fulfilment=LineFulfilment.PENDING).select_related("seller")),
        user, LineFulfilment.READY)),
    "cancel": (Permission.MANAGE_ORDERS, lambda order, user, post: lifecycle.order_cancel(
        order, user, post.get("reason", ""))),
}


@login_required
@require_POST
def order_action(request, slug: str, number: str, action: str):
    permission, call = ACTIONS.get(action, (None, None))
    if call is None:
        return redirect("dashboard:manage-order", slug, number)
    cooperative = cooperative_of(request, slug, permission)
    order = _order(cooperative, number)
    try:
        call(order, request.user, request.POST)
    except ValidationError as error:
        messages_add_errors(request, error)
    else:
        messages.success(request, _("Order %(number)s updated.") % {"number": number})
    return redirect("dashboard:manage-order", slug, number)


@login_required
@require_POST
def order_refund_view(request, slug: str, number: str):
    """Refund the quantities entered per line (all empty: everything still paid for)."""
    cooperative = cooperative_of(request, slug, Permission.MANAGE_ORDERS)
    order = _order(cooperative, number)
    quantities, typed = {}, False
    for line in order.lines.all():
        raw = (request.POST.get(f"line-{line.pk}") or "").strip()
        if raw:
            typed = True
            units = whole(raw)
            if units is None:
                messages.error(request, _("Enter whole numbers of units."))
                return redirect("dashboard:manage-order", slug, number)
            if units:
                quantities[line.pk] = units
    if typed and not quantities:  # zeros everywhere: nothing, not everything
        messages.error(request, _("Enter the units to refund, or leave every line empty to "
                                  "refund everything."))
        return redirect("dashboard:manage-order", slug, number)
    try:
        refund = order_refund(order, request.user, quantities=quantities if typed else None,
                              reason=request.POST.get("reason", ""),
                              restock=request.POST.get("restock") == "1")
    except ValidationError as error:
        messages_add_errors(request, error)
    else:
        messages.success(request, _("Refunded %(amount)s.") % {
            "amount": format_rupiah(refund.amount)})
    return redirect("dashboard:manage-order", slug, number)


@login_required
def reports(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.VIEW_REPORTS)
    today_ = timezone.localdate()
    period = ReportPeriodForm(request.GET)
    if not period.is_valid():
        messages_add_errors(request, period)
    end = period.cleaned_data.get("sampai") or today_
    start = period.cleaned_data.get("dari") or end - datetime.timedelta(days=29)
    report = sales_report(cooperative, min(start, end), end)
    if request.GET.get("unduh") == "xlsx" and period.is_valid():
        response = HttpResponse(sales_report_xlsx(report), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = (
            f'attachment; filename="penjualan-{cooperative.slug}-{report.start}-{report.end}'
            '.xlsx"')
        return response
    return render(request, "dashboard/manage/reports.html", {
        "cooperative": cooperative, "report": report, "charts": {
            "by_day": charts.sales_by_day(report.by_day),
            "by_channel": charts.ranked(
                [(_("Online shop") if name == "online" else _("Counter (till)"), amount)
                 for name, amount in report.by_channel]),
            "by_seller": charts.ranked(report.by_seller),
            "members": charts.members_against_others(report.member_total,
                                                     report.non_member_total)},
        "year": today_.year}, status=200 if period.is_valid() else 400)

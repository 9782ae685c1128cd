"""The manager console's payments: the list with state and gateway reference (confirm a
printed-QRIS payment, give back a held one), and the cooperative's gateway settings with the
notification URLs to register at the gateway."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.accounts.permissions import Permission
from backend.pages import messages_add_errors
from payments.models import PaymentAttempt, Provider
from payments.reports import settlement_report, settlement_xlsx
from payments.selectors import gateway_settings_of, payment_list
from payments.services import (
    gateway_settings_update,
    payment_attempt_confirm,
    payment_attempt_refund,
)

from ..access import cooperative_of
from ..forms import GatewaySettingsForm, PaymentFilterForm, ReportPeriodForm
from ..inputs import object_id


@login_required
@require_http_methods(["GET", "POST"])
def payments(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_ORDERS)
    if request.method == "POST":
        attempt = get_object_or_404(PaymentAttempt.objects.filter(cooperative=cooperative),
                                    pk=object_id(request.POST.get("id")))
        try:
            if request.POST.get("action") == "confirm":
                payment_attempt_confirm(attempt, request.user)
                messages.success(request, _("Payment confirmed."))
            else:
                payment_attempt_refund(attempt, request.user,
                                       reason=request.POST.get("reason", ""))
                messages.success(request, _("The money is given back."))
        except ValidationError as error:
            messages_add_errors(request, error)
        return redirect(request.get_full_path())
    filters = PaymentFilterForm(request.GET)
    state = filters.cleaned_data.get("state") if filters.is_valid() else None
    return render(request, "dashboard/manage/payments.html", {
        "cooperative": cooperative, "filters": filters,
        "payments": payment_list(cooperative, state=state or None)[:100]})


@login_required
@require_http_methods(["GET", "POST"])
def gateway_settings(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_COOPERATIVE)
    stored = gateway_settings_of(cooperative)
    form = GatewaySettingsForm(request.POST or None, initial={
        name: getattr(stored, name) for name in (
            "provider", "is_production", "midtrans_client_key", "methods", "fee_mode",
            "qris_expiry_minutes", "va_expiry_minutes", "static_qris_payload")})
    if request.method == "POST":
        if form.is_valid():
            try:
                gateway_settings_update(cooperative, **form.changes())
                messages.success(request, _("Payment settings saved."))
                return redirect(request.path)
            except ValidationError as error:
                messages_add_errors(request, error)
        else:
            messages_add_errors(request, form)
    urls = [(label, request.build_absolute_uri(reverse(
        "payment-notification", args=[cooperative.slug, provider])))
        for provider, label in ((Provider.MIDTRANS, "Midtrans"), (Provider.XENDIT, "Xendit"))]
    return render(request, "dashboard/manage/gateway.html", {
        "cooperative": cooperative, "form": form, "stored": stored, "urls": urls})


@login_required
def settlement(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.VIEW_REPORTS)
    chosen = ReportPeriodForm(request.GET)
    day = (chosen.cleaned_data.get("sampai") if chosen.is_valid() else None) or \
        timezone.localdate()
    rows = settlement_report(cooperative, day)
    if request.GET.get("unduh") == "xlsx":
        response = HttpResponse(settlement_xlsx(rows, day), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = \
            f'attachment; filename="setoran-{cooperative.slug}-{day}.xlsx"'
        return response
    return render(request, "dashboard/manage/settlement.html", {
        "cooperative": cooperative, "day": day, "rows": rows,
        "total": {"gross": sum(r.gross for r in rows), "fee": sum(r.fee for r in rows),
                  "refunded": sum(r.refunded for r in rows),
                  "net": sum(r.net for r in rows)}})

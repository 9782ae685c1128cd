"""The till pages under /kasir/<cooperative>/: open a shift, the sell screen (a page that keeps
working offline: its catalog and member list live on the device, sales wait in IndexedDB and
go to `tillSaleCreate`), the receipt, petty cash and closing with the shift report. Every
write goes through the till's services."""

import io
import json

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from graphql_relay import to_global_id

from backend.accounts.permissions import Permission
from backend.accounts.selectors import has_permission
from backend.cooperatives.models import Cooperative
from backend.money import format_rupiah, parse_rupiah
from backend.pages import messages_add_errors
from inventory.models import Location, LocationKind

from . import selectors
from .models import Shift, TillSale
from .services.refunds import till_sale_refund
from .services.shifts import (
    is_till_manager,
    may_work_at,
    till_cash_move,
    till_shift_close,
    till_shift_open,
)


def _cooperative(request, slug) -> Cooperative:
    cooperative = get_object_or_404(Cooperative, slug=slug, is_active=True)
    if not has_permission(request.user, cooperative, Permission.HANDLE_SALES):
        raise PermissionDenied
    return cooperative


def _shift(request, cooperative, shift_id) -> Shift:
    shift = get_object_or_404(Shift.objects.of(cooperative).select_related(
        "location", "cashier"), pk=shift_id)
    if shift.cashier_id != request.user.pk and not is_till_manager(request.user, cooperative):
        raise PermissionDenied
    return shift


def _whole(text) -> int:
    """An id from a form or link; anything else finds nothing (a 404)."""
    text = str(text or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else 0


def _amount(text) -> int | None:
    try:
        return parse_rupiah(text)
    except (ValidationError, ValueError, TypeError):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def till_home(request, slug: str):
    """Choose the store and open a shift (or go on with the one open)."""
    cooperative = _cooperative(request, slug)
    stores = [place for place in Location.objects.of(cooperative).filter(
        kind=LocationKind.STORE, is_active=True) if may_work_at(request.user, place)]
    if request.method == "POST":
        place = get_object_or_404(Location.objects.of(cooperative),
                                  pk=_whole(request.POST.get("location")))
        try:
            shift = till_shift_open(place, request.user,
                                    opening_float=_amount(request.POST.get("opening_float") or "0"))
        except ValidationError as error:
            messages_add_errors(request, error)
            return redirect("till:home", slug)
        return redirect("till:sell", slug, shift.pk)
    open_shifts = Shift.objects.of(cooperative).filter(cashier=request.user, closed_at=None)
    return render(request, "till/home.html", {"cooperative": cooperative, "stores": stores,
                                              "open_shifts": open_shifts})


@login_required
def till_sell(request, slug: str, shift_id: int):
    """The sell screen: scanner, SKU, name search, member, payment; works offline."""
    cooperative = _cooperative(request, slug)
    shift = _shift(request, cooperative, shift_id)
    if not shift.is_open:
        return redirect("till:report", slug, shift.pk)
    settings_ = selectors.till_settings_of(cooperative)
    qris_svg = ""
    if settings_.static_qris:
        image = qrcode.make(settings_.static_qris, image_factory=qrcode.image.svg.SvgPathImage,
                            box_size=10, border=2)
        buffer = io.BytesIO()
        image.save(buffer)
        qris_svg = buffer.getvalue().decode()
    config = {
        "slug": slug, "shift": to_global_id("TillShift", shift.pk), "shiftId": shift.pk,
        "location": shift.location_id, "cashier": request.user.full_name or str(request.user),
        "graphql": reverse("graphql"), "catalog": reverse("till:catalog", args=[slug]),
        "members": reverse("till:members", args=[slug]),
        "receipt": reverse("till:receipt", args=[slug, "NUMBER"]),
        "sw": reverse("till:service-worker", args=[slug]),
        "scope": reverse("till:home", args=[slug]),
        "csrf": get_token(request),  # and the cookie the API checks it against
    }
    return render(request, "till/sell.html", {
        "cooperative": cooperative, "shift": shift, "config": config, "qris_svg": qris_svg,
        "manifest": reverse("till:manifest", args=[slug])})


@login_required
@never_cache
def till_catalog(request, slug: str):
    cooperative = _cooperative(request, slug)
    place = get_object_or_404(Location.objects.of(cooperative),
                              pk=_whole(request.GET.get("location")))
    return JsonResponse(selectors.offline_catalog(cooperative, place))


@login_required
@never_cache
def till_members(request, slug: str):
    return JsonResponse(selectors.eligibility_list(_cooperative(request, slug)))


@login_required
def till_receipt(request, slug: str, number: str):
    """The receipt, printable at 58 mm and 80 mm (the browser's print; ?w=80 for 80 mm)."""
    cooperative = _cooperative(request, slug)
    sale = get_object_or_404(TillSale.objects.of(cooperative).select_related(
        "location", "cashier", "shift"), number=number)
    return render(request, "till/receipt.html", {
        "cooperative": cooperative, "sale": sale, "lines": sale.lines.filter(voided=False),
        "payments": sale.payments.all(), "width": 80 if request.GET.get("w") == "80" else 58,
        "patronage": selectors.member_patronage_this_year(sale.member)
        if sale.member_eligible else None,
        "footer": selectors.till_settings_of(cooperative).receipt_footer})


@login_required
@require_http_methods(["POST"])
def till_refund(request, slug: str, number: str):
    """Goods back after payment: the units per line, a manager's PIN, damaged or not."""
    cooperative = _cooperative(request, slug)
    sale = get_object_or_404(TillSale.objects.of(cooperative), number=number)
    quantities = {}
    for line in sale.lines.filter(voided=False):
        typed = request.POST.get(f"line-{line.pk}", "").strip()
        if typed:
            quantities[line.pk] = int(typed) if typed.isdigit() else -1
    try:
        refund = till_sale_refund(sale, request.user, quantities=quantities,
                                  manager_pin=request.POST.get("manager_pin", ""),
                                  reason=request.POST.get("reason", ""),
                                  restock=request.POST.get("damaged") != "1")
        messages.success(request, _("Refunded %(amount)s by %(method)s.") % {
            "amount": format_rupiah(refund.amount), "method": refund.get_method_display()})
    except ValidationError as error:
        messages_add_errors(request, error)
    return redirect("till:receipt", slug, number)


@login_required
@require_http_methods(["GET", "POST"])
def till_close(request, slug: str, shift_id: int):
    """Petty cash during the shift, and closing it: the cash counted, a reason if it is off."""
    cooperative = _cooperative(request, slug)
    shift = _shift(request, cooperative, shift_id)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cash":
                amount = _amount(request.POST.get("amount"))
                if request.POST.get("direction") == "out" and amount:
                    amount = -amount
                till_cash_move(shift, request.user, amount=amount,
                               reason=request.POST.get("reason", ""))
                messages.success(request, _("Cash move saved."))
                return redirect("till:close", slug, shift.pk)
            till_shift_close(shift, request.user,
                             counted_cash=_amount(request.POST.get("counted_cash")),
                             reason=request.POST.get("reason", ""))
        except ValidationError as error:
            messages_add_errors(request, error)
            return redirect("till:close", slug, shift.pk)
        return redirect("till:report", slug, shift.pk)
    if not shift.is_open:
        return redirect("till:report", slug, shift.pk)
    return render(request, "till/close.html", {
        "cooperative": cooperative, "shift": shift, "report": selectors.shift_report(shift)})


@login_required
def till_report(request, slug: str, shift_id: int):
    """The shift report, printable on the receipt printer."""
    cooperative = _cooperative(request, slug)
    shift = _shift(request, cooperative, shift_id)
    return render(request, "till/report.html", {
        "cooperative": cooperative, "shift": shift, "report": selectors.shift_report(shift),
        "width": 80 if request.GET.get("w") == "80" else 58})


def till_manifest(request, slug: str):
    cooperative = get_object_or_404(Cooperative, slug=slug, is_active=True)
    scope = reverse("till:home", args=[slug])
    return HttpResponse(json.dumps({
        "name": f"Kasir {cooperative.name}", "short_name": "Kasir", "start_url": scope,
        "scope": scope, "display": "standalone", "orientation": "any",
        "background_color": "#ffffff", "theme_color": cooperative.brand_colour,
        "icons": [{"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml"}]}),
        content_type="application/manifest+json")


def till_service_worker(request, slug: str):
    """The service worker, served under the till's path so its scope is the till."""
    from django.contrib.staticfiles import finders

    with open(finders.find("till/sw.js"), encoding="utf-8") as source:
        body = source.read().replace("__TILL_JS__", static("till/till.js"))
    response = HttpResponse(body, content_type="application/javascript")
    response["Service-Worker-Allowed"] = reverse("till:home", args=[slug])
    response["Cache-Control"] = "no-cache"
    return response

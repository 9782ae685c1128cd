"""Vouchers in the manager console: the list, a new voucher, switching one off, through the
same services as voucherCreate and voucherDeactivate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.accounts.permissions import Permission
from backend.pages import form_add_errors
from orders.models import Voucher
from orders.services.vouchers import voucher_save

from ..access import cooperative_of, object_of
from ..forms import VoucherForm


@login_required
@require_http_methods(["GET", "POST"])
def voucher_list(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_ORDERS)
    form = VoucherForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            voucher = voucher_save(cooperative, form.service_data())
        except ValidationError as error:
            form_add_errors(form, error, {"starts_at": "starts", "ends_at": "ends"})
        else:
            messages.success(request, _("Voucher %(code)s is ready.") % {"code": voucher.code})
            return redirect("dashboard:manage-vouchers", slug)
    return render(request, "dashboard/manage/vouchers.html", {
        "cooperative": cooperative, "form": form,
        "vouchers": Voucher.objects.of(cooperative).order_by("-is_active", "-created_at")},
        status=400 if form.errors else 200)


@login_required
@require_POST
def voucher_deactivate(request, slug: str, voucher_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_ORDERS)
    voucher = object_of(Voucher.objects.all(), voucher_id, cooperative=cooperative)
    voucher_save(cooperative, {"is_active": False}, voucher)
    messages.success(request, _("Voucher %(code)s switched off.") % {"code": voucher.code})
    return redirect("dashboard:manage-vouchers", slug)

"""Manager console pages for suppliers: a feed upload (the same service as the
supplierFeedUpload mutation) and a purchase order's printable page."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from backend.accounts.permissions import Permission
from backend.accounts.selectors import has_permission
from backend.uploads import SPREADSHEET_MAX_BYTES
from suppliers.models import PurchaseOrder, Supplier, SupplierSync, SyncSource
from suppliers.services.feeds import feed_rows, feed_sync, format_of, sha256_of
from suppliers.services.pull import feed_source_of
from suppliers.services.purchasing import printable


class FeedUploadForm(forms.Form):
    file = forms.FileField(label=_("Price and stock list"),
                           help_text=_(".csv, .xlsx or .json from the supplier."))
    apply = forms.BooleanField(label=_("Apply the changes (otherwise only check)"),
                               required=False)
    apply_valid_rows = forms.BooleanField(
        label=_("Apply the good rows even if some rows have problems"), required=False)


def _allowed(request, cooperative) -> None:
    if not has_permission(request.user, cooperative, Permission.MANAGE_SUPPLIERS):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def supplier_feed(request, supplier_id: int):
    supplier = get_object_or_404(Supplier.objects.select_related("cooperative"),
                                 pk=supplier_id)
    _allowed(request, supplier.cooperative)
    form, sync = FeedUploadForm(), None
    if request.method == "POST":
        form = FeedUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > SPREADSHEET_MAX_BYTES:
                form.add_error("file", ValidationError(_("The file is larger than %(mb)s MB.")
                                                       % {"mb": SPREADSHEET_MAX_BYTES // 2**20}))
            else:
                source = feed_source_of(supplier)
                stream = upload.file
                sync = feed_sync(
                    supplier, feed_rows(stream, format_of(upload.name, source.format),
                                        source.column_mapping),
                    source=SyncSource.UPLOAD, actor=request.user, filename=upload.name,
                    content_sha256=sha256_of(stream), dry_run=not form.cleaned_data["apply"],
                    apply_valid_rows=form.cleaned_data["apply_valid_rows"])
    history = SupplierSync.objects.filter(supplier=supplier)[:10]
    return render(request, "dashboard/supplier_feed.html", {
        "supplier": supplier, "form": form, "sync": sync, "history": history},
        status=400 if form.errors else 200)


@login_required
def purchase_order_print(request, order_id: int):
    order = get_object_or_404(PurchaseOrder.objects.select_related(
        "cooperative", "supplier", "location"), pk=order_id)
    _allowed(request, order.cooperative)
    return HttpResponse(printable(order))

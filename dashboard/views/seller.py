"""The seller portal: an UMKM's shop, products, orders to prepare and payouts. Every page
acts through the same services as the GraphQL API."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.jobs.selectors import job_visible_to
from backend.jobs.services import job_progress_of
from backend.pages import form_add_errors, messages_add_errors
from backend.uploads import ARCHIVE_MAX_BYTES, SPREADSHEET_MAX_BYTES, read_upload
from catalog.models import Category, Product, ProductStatus, ProductVariant
from catalog.selectors import seller_permit_warnings
from catalog.services import bulk, import_jobs, moderation, products, sellers
from inventory.selectors import free_units_of_variants
from members.services.pricing import explicit_member_price, variant_prices_set
from orders.models import LineFulfilment, OrderLine, SellerPayout
from orders.selectors import (
    order_payment_for_seller,
    payout_balance,
    seller_money_visible_to,
    seller_order_lines,
    units_sold_of_variants,
)
from orders.services.fulfilment import order_lines_fulfill

from ..access import object_of, seller_of
from ..forms import FulfilForm, ProductForm, SellerForm, SellerRegisterForm, UploadForm, VariantForm
from ..inputs import object_ids, rupiah


@login_required
@require_http_methods(["GET", "POST"])
def seller_register(request):
    form = SellerRegisterForm(request.POST or None,
                              initial={"cooperative": request.GET.get("koperasi"),
                                       "phone": request.user.phone,
                                       "email": request.user.email,
                                       "owner_name": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            seller = sellers.seller_register(form.cleaned_data["cooperative"], request.user,
                                             form.service_data())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Thank you! The cooperative will check your shop soon."))
            return redirect("dashboard:seller-home", seller.pk)
    return render(request, "dashboard/seller/register.html", {"form": form},
                  status=400 if form.errors else 200)


@login_required
def seller_home(request, seller_id: int):
    seller = seller_of(request, seller_id)
    counts = {status: 0 for status in ProductStatus.values}
    for product in seller.products.only("status"):
        counts[product.status] += 1
    return render(request, "dashboard/seller/home.html", {
        "seller": seller, "warnings": [w.message for w in seller_permit_warnings(seller)],
        "counts": counts, "open_lines": len(seller_order_lines(seller)),
        "balance": payout_balance(seller)})


@login_required
@require_http_methods(["GET", "POST"])
def seller_profile(request, seller_id: int):
    seller = seller_of(request, seller_id)
    initial = {name: getattr(seller, name) for name in SellerForm.base_fields}
    form = SellerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sellers.seller_update(seller, form.service_data(), request.user)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("dashboard:seller-home", seller.pk)
    return render(request, "dashboard/seller/profile.html", {"seller": seller, "form": form},
                  status=400 if form.errors else 200)


@login_required
def product_list(request, seller_id: int):
    seller = seller_of(request, seller_id)
    variants = ProductVariant.objects.annotate(
        free=free_units_of_variants(), sold=units_sold_of_variants()).order_by("pk")
    rows = seller.products.select_related("category").prefetch_related(
        Prefetch("variants", queryset=variants)).order_by("-updated_at", "pk")
    return render(request, "dashboard/seller/products.html", {"seller": seller,
                                                              "products": rows})


def _categories(seller):
    return list(Category.objects.of(seller.cooperative).order_by("path"))


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request, seller_id: int):
    seller = seller_of(request, seller_id)
    form = ProductForm(request.POST or None, categories=_categories(seller), prefix="product")
    variant = VariantForm(request.POST or None, prefix="variant")
    if request.method == "POST" and form.is_valid() and variant.is_valid():
        try:
            product = products.product_create(seller, form.service_data(),
                                              [variant.service_data()])
        except ValidationError as error:
            form_add_errors(form, error)
            form_add_errors(variant, error)
        else:
            messages.success(request, _("Product saved as a draft. Add photos, then send it "
                                        "for review."))
            return redirect("dashboard:product-edit", seller.pk, product.pk)
    return render(request, "dashboard/seller/product_form.html", {
        "seller": seller, "form": form, "variant_form": variant, "product": None},
        status=400 if form.errors or variant.errors else 200)


def _product_of(seller, product_id: int) -> Product:
    return object_of(Product.objects.select_related("category").filter(seller=seller),
                     product_id, cooperative=seller.cooperative)


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request, seller_id: int, product_id: int):
    seller = seller_of(request, seller_id)
    product = _product_of(seller, product_id)
    revision = getattr(product, "revision", None)
    source = revision if revision is not None and revision.status == "draft" else product
    initial = {"name": source.name,
               "category": str(source.category_id or ""), "is_food": product.is_food,
               "is_halal": product.is_halal, "tracks_expiry": product.tracks_expiry,
               "shelf_life_days": product.shelf_life_days}
    form = ProductForm(request.POST or None, categories=_categories(seller), initial=initial,
                       description_html=source.description, prefix="product")
    if request.method == "POST" and form.is_valid():
        try:
            products.product_update(product, request.user, form.service_data())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Saved.") if product.status != ProductStatus.PUBLISHED
                             else _("Saved. Shoppers see the change after the cooperative "
                                    "checks it."))
            return redirect("dashboard:product-edit", seller.pk, product.pk)
    return render(request, "dashboard/seller/product_form.html", {
        "seller": seller, "product": product, "form": form, "variant_form": VariantForm(
            prefix="variant"), "variants": _with_member_prices(product),
        "photos": product.media.order_by("position", "pk")},
        status=400 if form.errors else 200)


@login_required
@require_POST
def variant_add(request, seller_id: int, product_id: int):
    seller = seller_of(request, seller_id)
    product = _product_of(seller, product_id)
    form = VariantForm(request.POST, prefix="variant")
    if form.is_valid():
        try:
            products.variant_create(product, form.service_data())
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Variant added."))
            return redirect("dashboard:product-edit", seller.pk, product.pk)
    return render(request, "dashboard/seller/product_form.html", {
        "seller": seller, "product": product, "variant_form": form,
        "form": ProductForm(categories=_categories(seller), prefix="product", initial={
            "name": product.name}, description_html=product.description),
        "variants": _with_member_prices(product), "photos": product.media.all()}, status=400)


def _with_member_prices(product) -> list:
    variants = list(product.variants.all())
    for variant in variants:
        variant.own_member_price = explicit_member_price(variant)
    return variants


@login_required
@require_POST
def variant_price(request, seller_id: int, product_id: int, variant_id: int):
    """The regular price and the member price (harga anggota; empty: none of its own)."""
    seller = seller_of(request, seller_id)
    variant = object_of(_product_of(seller, product_id).variants.all(), variant_id,
                        cooperative=seller.cooperative)
    price = rupiah(request.POST.get("price"))
    member = (request.POST.get("member_price") or "").strip()
    if price is None or (member and rupiah(member) is None):
        messages.error(request, _("Enter the price in whole rupiah, such as 12500."))
        return redirect("dashboard:product-edit", seller.pk, product_id)
    try:
        variant_prices_set(variant, price, rupiah(member) if member else None)
    except ValidationError as error:
        messages_add_errors(request, error)
    else:
        messages.success(request, _("Price changed."))
    return redirect("dashboard:product-edit", seller.pk, product_id)


@login_required
@require_POST
def product_submit(request, seller_id: int, product_id: int):
    seller = seller_of(request, seller_id)
    product = _product_of(seller, product_id)
    try:
        moderation.product_submit(product, request.user)
    except ValidationError as error:
        messages_add_errors(request, error)
    else:
        messages.success(request, _("Sent for review. You will see the result here."))
    return redirect("dashboard:product-edit", seller.pk, product.pk)


@login_required
def bulk_template(request, seller_id: int):
    seller = seller_of(request, seller_id)
    name, content_type, content = bulk.product_export(seller.cooperative, seller=seller,
                                                      file_format="xlsx")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def bulk_upload(request, seller_id: int):
    """Step 1: choose the file; a worker checks every row (the page of that job shows each
    row's problems). Step 2: apply the checked file, all rows or none, in a worker too: the
    same job as the productImportStart mutation."""
    seller = seller_of(request, seller_id)
    form = UploadForm()
    if request.method == "POST" and request.POST.get("apply"):
        try:
            job = import_jobs.product_import_apply(seller.cooperative, request.user,
                                                   request.POST["apply"])
        except ValidationError as error:
            messages_add_errors(request, error)
            return redirect("dashboard:bulk-upload", seller.pk)
        return redirect("dashboard:bulk-upload-job", seller.pk, job.pk)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                content = read_upload(form.cleaned_data["file"], "file", SPREADSHEET_MAX_BYTES)
                photos = read_upload(form.cleaned_data["photos"], "photos", ARCHIVE_MAX_BYTES) \
                    if form.cleaned_data["photos"] else None
                job = import_jobs.product_import_start(
                    seller.cooperative, request.user, content=content,
                    filename=form.cleaned_data["file"].name, photos_zip=photos, seller=seller)
            except ValidationError as error:
                form_add_errors(form, error)
            else:
                return redirect("dashboard:bulk-upload-job", seller.pk, job.pk)
    return render(request, "dashboard/seller/bulk.html", {"seller": seller, "form": form},
                  status=400 if form.errors else 200)


@login_required
def bulk_upload_job(request, seller_id: int, job_id: str):
    """How far the check or the apply has come (the page refreshes itself until the report
    is ready), then the report by row."""
    seller = seller_of(request, seller_id)
    job = job_visible_to(request.user, job_id, seller.cooperative)
    if job is None or job.kind != import_jobs.KIND or job.params.get("seller") != seller.pk:
        raise Http404
    progress, total = job_progress_of(job)
    return render(request, "dashboard/seller/bulk_job.html", {
        "seller": seller, "job": job, "job_id": str(job.pk), "progress": progress,
        "total": total, "report": job.result})


@login_required
@require_http_methods(["GET", "POST"])
def seller_orders(request, seller_id: int):
    seller = seller_of(request, seller_id)
    if request.method == "POST":
        form = FulfilForm(request.POST)
        ids = object_ids(request.POST.getlist("line"))
        lines = list(OrderLine.objects.filter(pk__in=ids, seller=seller).select_related(
            "seller"))
        if not lines or len(lines) != len(set(ids)):
            raise PermissionDenied  # someone else's line, or none
        if form.is_valid():
            try:
                order = order_lines_fulfill(lines, request.user, form.cleaned_data["status"],
                                            form.cleaned_data["tracking_number"])
            except ValidationError as error:
                messages_add_errors(request, error)
            else:
                messages.success(request, _("Order %(number)s updated.") % {
                    "number": order.number})
        return redirect("dashboard:seller-orders", seller.pk)
    lines = seller_order_lines(seller)
    orders: dict[str, list] = {}
    for line in lines:
        line.payment = order_payment_for_seller(line.order)
        orders.setdefault(line.order.number, []).append(line)
    return render(request, "dashboard/seller/orders.html", {
        "seller": seller, "orders": orders, "steps": LineFulfilment})


@login_required
def seller_payouts(request, seller_id: int):
    seller = seller_of(request, seller_id)
    if not seller_money_visible_to(request.user, seller):
        raise PermissionDenied  # money: the owner and the order managers only
    payouts = SellerPayout.objects.filter(seller=seller).prefetch_related(
        "entries__order_line__order")
    pending = seller.payout_entries.filter(payout__isnull=True).select_related(
        "order_line__order")
    return render(request, "dashboard/seller/payouts.html", {
        "seller": seller, "payouts": payouts, "pending": pending,
        "balance": payout_balance(seller)})

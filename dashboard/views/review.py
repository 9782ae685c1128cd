"""Catalog review in the manager console: sellers and products (and changes to published
products) waiting for the cooperative's decision, through the moderation services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.accounts.permissions import Permission
from backend.pages import messages_add_errors
from catalog.models import Product, ProductStatus, Seller, SellerStatus
from catalog.services import moderation, sellers
from catalog.services.bulk_approval import bulk_approval_choices, product_bulk_approve

from ..access import cooperative_of, object_of
from ..forms import ReasonForm


@login_required
def review(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_CATALOG)
    in_review = Product.objects.of(cooperative).filter(status=ProductStatus.IN_REVIEW)
    changed = Product.objects.of(cooperative).filter(revision__status="in_review")
    return render(request, "dashboard/manage/review.html", {
        "cooperative": cooperative,
        "sellers": Seller.objects.of(cooperative).filter(status=SellerStatus.PENDING),
        "products": (in_review | changed).distinct().select_related(
            "seller", "category", "revision__category").prefetch_related("variants", "media"),
        "reason_form": ReasonForm(), "bulk": bulk_approval_choices(cooperative)})


@login_required
@require_POST
def review_bulk(request, slug: str):
    """Publish a seller's, or an import's, waiting products at once."""
    cooperative = cooperative_of(request, slug, Permission.MANAGE_CATALOG)
    seller = None
    if request.POST.get("seller"):
        seller = object_of(Seller.objects.all(), request.POST["seller"], cooperative=cooperative)
    try:
        ids = product_bulk_approve(cooperative, request.user, seller=seller,
                                   import_job_id=request.POST.get("job") or None)
        messages.success(request, _("%(count)s products approved.") % {"count": len(ids)})
    except ValidationError as error:
        messages_add_errors(request, error)
    return redirect("dashboard:manage-review", cooperative.slug)


@login_required
@require_POST
def review_seller(request, slug: str, seller_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_SELLERS)
    seller = object_of(Seller.objects.all(), seller_id, cooperative=cooperative)
    return _decide(request, cooperative, lambda: sellers.seller_approve(seller, request.user),
                   lambda reason: sellers.seller_reject(seller, request.user, reason),
                   seller.business_name)


@login_required
@require_POST
def review_product(request, slug: str, product_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_CATALOG)
    product = object_of(Product.objects.all(), product_id, cooperative=cooperative)
    return _decide(request, cooperative,
                   lambda: moderation.product_approve(product, request.user),
                   lambda reason: moderation.product_reject(product, request.user, reason),
                   product.name)


def _decide(request, cooperative, approve, reject, name):
    try:
        if request.POST.get("decision") == "approve":
            approve()
            messages.success(request, _("%(name)s approved.") % {"name": name})
        else:
            reject(request.POST.get("reason", ""))
            messages.success(request, _("%(name)s not approved; the reason was sent.")
                             % {"name": name})
    except ValidationError as error:
        messages_add_errors(request, error)
    return redirect("dashboard:manage-review", cooperative.slug)

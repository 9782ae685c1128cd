"""Approval of many products at once: a seller's, or those an import brought in. One pass over
the products (set-based updates, one moderation entry each, one message to each seller), so
10,000 imported drafts are published in seconds, not one API call each."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.jobs.models import Job, JobState
from backend.jobs.selectors import checked_job_of
from messaging.services import message_send

from .. import search
from ..models import (
    MediaReview,
    ModerationAction,
    ModerationEvent,
    Product,
    ProductMedia,
    ProductStatus,
    ProductVariant,
    Seller,
)
from .import_jobs import KIND as IMPORT_KIND

WAITING = (ProductStatus.DRAFT, ProductStatus.IN_REVIEW)


def _no_such_import() -> ValidationError:
    return ValidationError({"import_job": ValidationError(
        _("No product import with this ID."), code=CommonErrorCode.NOT_FOUND)})


def _imported_skus(cooperative, import_job_id) -> list[str]:
    """The SKUs an applied import wrote; named by the apply job or by the check it applied."""
    job = checked_job_of(cooperative, IMPORT_KIND, import_job_id)
    if job is None:
        raise _no_such_import()
    if job.params.get("dry_run"):
        job = Job.objects.of(cooperative).filter(
            kind=IMPORT_KIND, params__checked_job=str(job.pk)).order_by("-created_at").first()
    if job is None or job.state != JobState.DONE or not (job.result or {}).get("applied"):
        raise ValidationError({"import_job": ValidationError(
            _("This import has not been applied yet."), code=CommonErrorCode.INVALID)})
    return [row["sku"].strip().upper() for row in job.result.get("rows", [])
            if row.get("sku") and row.get("action") in ("create", "add_variant", "update")]


def bulk_approval_choices(cooperative) -> dict:
    """What the console offers to approve at once: sellers with drafts or products in first
    review (and how many), and the last applied imports."""
    counts = Product.objects.of(cooperative).filter(status__in=WAITING).values(
        "seller_id").annotate(count=Count("pk")).order_by()
    by_seller = {row["seller_id"]: row["count"] for row in counts}
    imports = Job.objects.of(cooperative).filter(
        kind=IMPORT_KIND, state=JobState.DONE, result__applied=True).order_by("-created_at")[:10]
    return {"sellers": [(seller, by_seller[seller.pk]) for seller in Seller.objects.of(
        cooperative).filter(pk__in=by_seller).order_by("business_name")],
        "imports": list(imports)}


def product_bulk_approve(cooperative, actor, *, seller: Seller | None = None,
                         import_job_id=None) -> list[int]:
    """Publish every draft or first-review product (with a variant) of `seller`, or of the
    applied import `import_job_id`, or of both together. Products already published, rejected
    or without a variant are left as they are. Returns the ids published. The caller has
    checked that `actor` moderates the cooperative's catalog."""
    if seller is None and import_job_id is None:
        raise ValidationError({"seller": ValidationError(
            _("Choose a seller or an import."), code=CommonErrorCode.REQUIRED)})
    products = Product.objects.of(cooperative).filter(status__in=WAITING).filter(
        Exists(ProductVariant.objects.filter(product=OuterRef("pk"))))
    if seller is not None:
        products = products.filter(seller=seller)
    if import_job_id is not None:
        products = products.filter(Exists(ProductVariant.objects.filter(
            product=OuterRef("pk"), sku__in=_imported_skus(cooperative, import_job_id))))
    with transaction.atomic():
        chosen = list(products.select_for_update(of=("self",)).order_by("pk").values_list(
            "pk", "seller_id"))
        ids = [pk for pk, _seller in chosen]
        if not ids:
            return []
        now = timezone.now()
        Product.objects.filter(pk__in=ids).update(
            status=ProductStatus.PUBLISHED, rejection_reason="", updated_at=now,
            published_at=Coalesce("published_at", now))
        ProductMedia.objects.filter(product_id__in=ids, review=MediaReview.PENDING_ADD).update(
            review=MediaReview.LIVE)
        who = actor if getattr(actor, "is_authenticated", False) else None
        ModerationEvent.objects.bulk_create([ModerationEvent(
            cooperative=cooperative, action=ModerationAction.PRODUCT_APPROVED, actor=who,
            seller_id=seller_id, product_id=pk, changes={"bulk": True})
            for pk, seller_id in chosen], batch_size=2000)
        search.products_changed(ids)
        counts: dict[int, int] = {}
        for _pk, seller_id in chosen:
            counts[seller_id] = counts.get(seller_id, 0) + 1
        for each in Seller.objects.filter(pk__in=counts):
            message_send(cooperative, "seller_products_approved", {"count": counts[each.pk]},
                         phone=each.phone, email=each.email)
    return ids

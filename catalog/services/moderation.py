"""Review of products: submit, approve, reject; every step recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from catalog.error_codes import CatalogErrorCode
from messaging.services import message_send

from .. import search
from ..models import (
    MediaReview,
    ModerationAction,
    Product,
    ProductRevision,
    ProductStatus,
    RevisionStatus,
)
from .common import record
from .media_files import media_delete_now


def edits_reopen_review(product: Product) -> None:
    """A seller's change to something in review takes it back to draft: what a manager
    approves is always what they looked at. The seller submits again."""
    Product.objects.filter(pk=product.pk, status=ProductStatus.IN_REVIEW).update(
        status=ProductStatus.DRAFT)
    ProductRevision.objects.filter(product=product, status=RevisionStatus.IN_REVIEW).update(
        status=RevisionStatus.DRAFT)


def _pending_revision(product: Product) -> ProductRevision | None:
    return ProductRevision.objects.select_for_update().filter(product=product).first()


def _has_pending_media(product: Product) -> bool:
    return product.media.exclude(review=MediaReview.LIVE).exists()


@transaction.atomic
def product_submit(product: Product, actor) -> Product:
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status in (ProductStatus.DRAFT, ProductStatus.REJECTED):
        if not product.variants.exists():
            raise ValidationError({"id": ValidationError(
                _("Add at least one variant with a price before submitting."),
                code=CatalogErrorCode.NO_VARIANTS)})
        product.status = ProductStatus.IN_REVIEW
        product.rejection_reason = ""
        product.save(update_fields=["status", "rejection_reason", "updated_at"])
    elif product.status == ProductStatus.PUBLISHED:
        revision = _pending_revision(product)
        if revision is None and not _has_pending_media(product):
            raise ValidationError({"id": ValidationError(
                _("There are no changes to review."), code=CatalogErrorCode.NOTHING_TO_REVIEW)})
        if revision is None:
            revision = ProductRevision.objects.create(
                cooperative=product.cooperative, product=product, name=product.name,
                description=product.description, category=product.category)
        revision.status = RevisionStatus.IN_REVIEW
        revision.rejection_reason = ""
        revision.save()
    else:
        raise ValidationError({"id": ValidationError(_("This product is already in review."),
                                                     code=CatalogErrorCode.INVALID_STATUS)})
    record(product.cooperative, ModerationAction.PRODUCT_SUBMITTED, actor, product=product,
           seller=product.seller)
    return product


def _in_review(product: Product) -> ProductRevision | None:
    """The revision in review, or None when the product itself is in its first review."""
    if product.status == ProductStatus.IN_REVIEW:
        return None
    revision = _pending_revision(product)
    if revision is None or revision.status != RevisionStatus.IN_REVIEW:
        raise ValidationError({"id": ValidationError(_("This product is not waiting for review."),
                                                     code=CatalogErrorCode.INVALID_STATUS)})
    return revision


@transaction.atomic
def product_approve(product: Product, actor) -> Product:
    product = Product.objects.select_for_update().get(pk=product.pk)
    revision = _in_review(product)
    changes = {}
    if revision is not None:
        for field in ("name", "description", "category_id"):
            before, after = getattr(product, field), getattr(revision, field)
            if before != after:
                changes[field] = {"before": before, "after": after}
                setattr(product, field, after)
        revision.delete()
    for media in product.media.filter(review=MediaReview.PENDING_REMOVE):
        media_delete_now(media)
    added = product.media.filter(review=MediaReview.PENDING_ADD).update(review=MediaReview.LIVE)
    if added:
        changes["photos_added"] = added
    product.status = ProductStatus.PUBLISHED
    product.published_at = product.published_at or timezone.now()
    product.rejection_reason = ""
    product.save()
    search.products_changed([product.pk])
    record(product.cooperative, ModerationAction.PRODUCT_APPROVED, actor, product=product,
           seller=product.seller, changes=changes)
    _tell_seller(product, "seller_product_approved", {"product": product.name})
    return product


def _tell_seller(product: Product, template: str, variables: dict) -> None:
    seller = product.seller
    message_send(product.cooperative, template, variables, phone=seller.phone,
                 email=seller.email)


@transaction.atomic
def product_reject(product: Product, actor, reason: str) -> Product:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(
            _("Tell the seller why, so they can put it right."), code=CommonErrorCode.REQUIRED)})
    product = Product.objects.select_for_update().get(pk=product.pk)
    revision = _in_review(product)
    if revision is None:
        product.status = ProductStatus.REJECTED
        product.rejection_reason = reason
        product.save(update_fields=["status", "rejection_reason", "updated_at"])
    else:
        revision.status = RevisionStatus.REJECTED
        revision.rejection_reason = reason
        revision.save()
    record(product.cooperative, ModerationAction.PRODUCT_REJECTED, actor, product=product,
           seller=product.seller, reason=reason)
    _tell_seller(product, "seller_product_rejected", {"product": product.name,
                                                      "reason": reason})
    return product

"""Product photos: upload, alt text, order, removal; reviewed like other content."""

import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from backend.celery import app
from backend.error_codes import CommonErrorCode
from catalog.error_codes import CatalogErrorCode

from ..images import clean_image, make_thumbnails
from ..models import MediaReview, Product, ProductMedia, ProductStatus
from .common import is_moderator
from .media_files import media_delete_now
from .moderation import edits_reopen_review

MAX_PHOTOS = 10


def content_digest(content: bytes) -> str:
    """What a photo is matched by: the sha256 of the bytes sent (the file name may differ)."""
    return hashlib.sha256(content).hexdigest()


def _upload_digest(upload) -> str:
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _needs_review(product: Product, actor) -> bool:
    return product.status == ProductStatus.PUBLISHED and not is_moderator(
        actor, product.cooperative)


@transaction.atomic
def product_media_create(product: Product, actor, upload, alt: str = "",
                         content_sha256: str = "") -> ProductMedia:
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.media.exclude(review=MediaReview.PENDING_REMOVE).count() >= MAX_PHOTOS:
        raise ValidationError({"image": ValidationError(
            _("A product has at most 10 photos."), code=CatalogErrorCode.TOO_MANY_PHOTOS)})
    image = clean_image(upload)
    content_sha256 = content_sha256 or _upload_digest(upload)
    last = product.media.order_by("-position").values_list("position", flat=True).first()
    media = ProductMedia(
        cooperative=product.cooperative, product=product, alt=(alt or "").strip()[:250],
        width=image.width, height=image.height, position=(last or 0) + 1,
        content_sha256=content_sha256,
        review=MediaReview.PENDING_ADD if _needs_review(product, actor) else MediaReview.LIVE)
    media.image.save(f"{uuid.uuid4().hex}.{image.extension}", ContentFile(image.content),
                     save=False)
    media.save()
    if not is_moderator(actor, product.cooperative):
        _back_to_draft(product)
    transaction.on_commit(lambda: app.send_task("catalog.tasks.make_media_thumbnails",
                                                args=[media.pk]))
    return media


@transaction.atomic
def product_media_update(media: ProductMedia, *, alt: str) -> ProductMedia:
    media.alt = (alt or "").strip()[:250]
    media.save(update_fields=["alt"])
    return media


@transaction.atomic
def product_media_delete(media: ProductMedia, actor) -> bool:
    """Removes the photo, or marks its removal for review. True when it is gone now."""
    if _needs_review(media.product, actor) and media.review != MediaReview.PENDING_ADD:
        # A shown photo of a published product goes only when a moderator agrees.
        if media.review == MediaReview.LIVE:
            media.review = MediaReview.PENDING_REMOVE
            media.save(update_fields=["review"])
            _back_to_draft(media.product)
        return False
    media_delete_now(media)
    return True


def _back_to_draft(product: Product) -> None:
    edits_reopen_review(product)


@transaction.atomic
def product_media_reorder(product: Product, ordered_ids: list[int]) -> list[ProductMedia]:
    media = {m.pk: m for m in ProductMedia.objects.select_for_update().filter(product=product)}
    if sorted(ordered_ids) != sorted(media):
        raise ValidationError({"moves": ValidationError(
            _("Give every photo of the product exactly once."), code=CommonErrorCode.INVALID)})
    for position, pk in enumerate(ordered_ids, start=1):
        media[pk].position = position
    ProductMedia.objects.bulk_update(media.values(), ["position"])
    return [media[pk] for pk in ordered_ids]


@transaction.atomic
def product_media_arrange(product: Product, ordered_ids: list[int],
                          alts: dict[int, str]) -> list[ProductMedia]:
    """The photos put in order and described in one save (the seller portal's form): all of
    it or, on a mistake, none."""
    arranged = product_media_reorder(product, ordered_ids)
    for media in arranged:
        alt = alts.get(media.pk)
        if alt is not None and alt != media.alt:
            product_media_update(media, alt=alt)
    return arranged


def thumbnails_store(folder: str, source: bytes, made: dict | None = None) -> dict:
    """Write every thumbnail of `source` (or the thumbnails already `made` of it) under
    `folder`; the same paths each time, so a retried task does no harm.
    Returns {size: {format: path}}."""
    paths: dict[str, dict[str, str]] = {}
    for size, formats in (made or make_thumbnails(source)).items():
        paths[str(size)] = {}
        for fmt, content in formats.items():
            path = f"{folder}/{size}.{'jpg' if fmt == 'jpeg' else fmt}"
            if default_storage.exists(path):
                default_storage.delete(path)
            paths[str(size)][fmt] = default_storage.save(path, ContentFile(content))
    return paths


def media_thumbnails_build(media_id: int) -> None:
    media = ProductMedia.objects.filter(pk=media_id).first()
    if media is None:
        return
    with media.image.open("rb") as source:
        paths = thumbnails_store(f"products/thumbnails/{media.pk}", source.read())
    ProductMedia.objects.filter(pk=media_id).update(thumbnails=paths)


def thumbnail_url(media: ProductMedia, size: int, fmt: str = "webp") -> str:
    """The smallest thumbnail at least `size` wide, or the original until thumbnails exist."""
    for available in sorted(int(s) for s in media.thumbnails):
        if available >= size:
            return default_storage.url(media.thumbnails[str(available)][fmt])
    if media.thumbnails:
        largest = str(max(int(s) for s in media.thumbnails))
        return default_storage.url(media.thumbnails[largest][fmt])
    return media.image.url

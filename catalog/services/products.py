"""Products and variants: what a seller or the coop-mart staff writes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems, check_model_fields
from catalog.error_codes import CatalogErrorCode

from .. import search
from ..models import (
    MediaReview,
    Product,
    ProductRevision,
    ProductStatus,
    ProductType,
    ProductVariant,
    RevisionStatus,
    Seller,
)
from ..richtext import sanitize_description
from .common import is_moderator, unique_slug

CONTENT_FIELDS = ("name", "description", "category")
DIRECT_FIELDS = ("product_type", "attributes", "is_halal", "is_food", "tracks_expiry",
                 "shelf_life_days")


def _check_attributes(problems: Problems, field: str, product_type: ProductType | None,
                      values: dict, *, for_variant: bool) -> dict:
    if not values:
        return {}
    if product_type is None:
        problems.add(field, _("Choose a product type before giving attributes."),
                     CommonErrorCode.INVALID)
        return {}
    known = {a["slug"]: a for a in product_type.attributes
             if bool(a.get("variant")) == for_variant}
    cleaned = {}
    for slug, value in values.items():
        spec = known.get(slug)
        if spec is None:
            problems.add(field, _("Unknown attribute: %(slug)s.") % {"slug": slug},
                         CommonErrorCode.INVALID)
        elif spec.get("kind") == "number":
            try:
                cleaned[slug] = float(value)
            except (TypeError, ValueError):
                problems.add(field, _("%(name)s must be a number.") % {"name": spec["name"]},
                             CommonErrorCode.INVALID)
        else:
            cleaned[slug] = str(value).strip()
    return cleaned


def _clean_product(seller: Seller, data: dict, *, product: Product | None) -> dict:
    problems = Problems()
    cooperative = seller.cooperative
    cleaned = {k: v for k, v in data.items() if k in CONTENT_FIELDS + DIRECT_FIELDS}
    check_model_fields(problems, Product, cleaned)
    if product is None or "name" in cleaned:
        cleaned["name"] = (cleaned.get("name") or "").strip()
        if not cleaned["name"]:
            problems.add("name", _("Enter the product's name."), CommonErrorCode.REQUIRED)
    if "description" in cleaned:
        cleaned["description"] = sanitize_description(cleaned["description"])
    category = cleaned.get("category")
    if category is not None and category.cooperative_id != cooperative.pk:
        problems.add("category", _("No such category."), CommonErrorCode.NOT_FOUND)
    product_type = cleaned.get("product_type", getattr(product, "product_type", None))
    if product_type is not None and product_type.cooperative_id != cooperative.pk:
        problems.add("product_type", _("No such product type."), CommonErrorCode.NOT_FOUND)
        product_type = None
    if "attributes" in cleaned:
        cleaned["attributes"] = _check_attributes(problems, "attributes", product_type,
                                                  cleaned["attributes"], for_variant=False)
    if cleaned.get("is_halal") and not seller_halal_valid(seller):
        problems.add("is_halal", _("Add a valid halal certificate to your shop first."),
                     CatalogErrorCode.HALAL_CERTIFICATE_REQUIRED)
    if cleaned.get("is_food") and not seller_food_permit_valid(seller):
        problems.add("is_food", _("Add a valid P-IRT or BPOM MD permit to your shop first."),
                     CatalogErrorCode.FOOD_PERMIT_REQUIRED)
    if cleaned.get("shelf_life_days") is not None and cleaned["shelf_life_days"] < 1:
        problems.add("shelf_life_days", _("Shelf life is at least one day."),
                     CommonErrorCode.INVALID)
    problems.raise_if_any()
    return cleaned


def seller_food_permit_valid(seller: Seller) -> bool:
    expires = seller.food_permit_expires
    return bool(seller.food_permit_number) and (
        expires is None or expires >= timezone.localdate())


def seller_halal_valid(seller: Seller) -> bool:
    expires = seller.halal_certificate_expires
    return bool(seller.halal_certificate_number) and (
        expires is None or expires >= timezone.localdate())


@transaction.atomic
def product_create(seller: Seller, data: dict, variants: list[dict] = ()) -> Product:
    cleaned = _clean_product(seller, data, product=None)
    product = Product.objects.create(
        cooperative=seller.cooperative, seller=seller,
        slug=unique_slug(Product, seller.cooperative, cleaned["name"], max_length=220),
        **cleaned)
    for position, variant in enumerate(variants):
        variant_create(product, {**variant, "position": variant.get("position", position)})
    search.products_changed([product.pk])
    return product


def _revision_for(product: Product) -> ProductRevision:
    revision, created = ProductRevision.objects.get_or_create(
        product=product, defaults={"cooperative": product.cooperative, "name": product.name,
                                   "description": product.description,
                                   "category": product.category})
    if not created and revision.status != RevisionStatus.DRAFT:
        revision.status = RevisionStatus.DRAFT  # editing again takes it out of review
    return revision


@transaction.atomic
def product_update(product: Product, actor, data: dict) -> Product:
    """Content changes to a published product wait for review unless a moderator makes them;
    everything else applies at once."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    cleaned = _clean_product(product.seller, data, product=product)
    content = {k: v for k, v in cleaned.items() if k in CONTENT_FIELDS}
    direct = {k: v for k, v in cleaned.items() if k in DIRECT_FIELDS}
    needs_review = product.status == ProductStatus.PUBLISHED and not is_moderator(
        actor, product.cooperative)
    if content and needs_review:
        revision = _revision_for(product)
        for field, value in content.items():
            setattr(revision, field, value)
        revision.save()
    else:
        direct.update(content)
        if "name" in content and content["name"] != product.name:
            product.slug = unique_slug(Product, product.cooperative, content["name"],
                                       exclude_pk=product.pk, max_length=220)
    for field, value in direct.items():
        setattr(product, field, value)
    moderator = is_moderator(actor, product.cooperative)
    if content and not moderator and product.status in (ProductStatus.REJECTED,
                                                        ProductStatus.IN_REVIEW):
        product.status = ProductStatus.DRAFT  # what is reviewed is what gets approved
    product.save()
    search.products_changed([product.pk])
    return product


@transaction.atomic
def product_delete(product: Product) -> None:
    search.products_changed([product.pk])
    try:
        with transaction.atomic():
            product.delete()
    except ProtectedError:
        raise ValidationError({"id": ValidationError(
            _("This product is in orders or purchase orders, which keep it on record, so it "
              "cannot be deleted."), code=CommonErrorCode.IN_USE)}) from None


# -- variants -----------------------------------------------------------------------------------
VARIANT_FIELDS = ("sku", "barcode", "name", "attributes", "price", "compare_at_price",
                  "weight_grams", "length_cm", "width_cm", "height_cm", "position")


def _clean_variant(product: Product, data: dict, *, variant: ProductVariant | None) -> dict:
    problems = Problems()
    cleaned = {k: v for k, v in data.items() if k in VARIANT_FIELDS}
    check_model_fields(problems, ProductVariant, cleaned)
    if variant is None or "sku" in cleaned:
        cleaned["sku"] = (cleaned.get("sku") or "").strip().upper()
        if not cleaned["sku"]:
            problems.add("sku", _("Enter a SKU."), CommonErrorCode.REQUIRED)
        elif ProductVariant.objects.filter(cooperative=product.cooperative,
                                           sku=cleaned["sku"]).exclude(
                pk=getattr(variant, "pk", None)).exists():
            problems.add("sku", _("Another product in this cooperative has this SKU."),
                         CommonErrorCode.UNIQUE)
    if variant is None or "price" in cleaned:
        price = cleaned.get("price")
        if price is None:
            problems.add("price", _("Enter a price in rupiah."), CommonErrorCode.REQUIRED)
        elif price < 0:
            problems.add("price", _("A price cannot be negative."), CommonErrorCode.INVALID)
    price = cleaned.get("price", getattr(variant, "price", None))
    compare_at = cleaned.get("compare_at_price")
    if compare_at is not None and price is not None and compare_at <= price:
        problems.add("compare_at_price", _("The before-discount price must be higher than the "
                                           "price."), CommonErrorCode.INVALID)
    if cleaned.get("weight_grams") is not None and cleaned["weight_grams"] < 0:
        problems.add("weight_grams", _("Weight cannot be negative."), CommonErrorCode.INVALID)
    for dimension in ("length_cm", "width_cm", "height_cm"):
        if cleaned.get(dimension) is not None and cleaned[dimension] < 0:
            problems.add(dimension, _("A size cannot be negative."), CommonErrorCode.INVALID)
    if cleaned.get("barcode") and not str(cleaned["barcode"]).isdigit():
        problems.add("barcode", _("A barcode has only digits."), CommonErrorCode.INVALID)
    if "attributes" in cleaned:
        cleaned["attributes"] = _check_attributes(problems, "attributes", product.product_type,
                                                  cleaned["attributes"], for_variant=True)
    problems.raise_if_any()
    return cleaned


@transaction.atomic
def variant_create(product: Product, data: dict) -> ProductVariant:
    cleaned = _clean_variant(product, data, variant=None)
    variant = ProductVariant.objects.create(cooperative=product.cooperative, product=product,
                                            **cleaned)
    search.products_changed([product.pk])
    return variant


@transaction.atomic
def variant_update(variant: ProductVariant, data: dict) -> ProductVariant:
    variant = ProductVariant.objects.select_for_update().get(pk=variant.pk)
    cleaned = _clean_variant(variant.product, data, variant=variant)
    for field, value in cleaned.items():
        setattr(variant, field, value)
    variant.save()
    search.products_changed([variant.product_id])
    return variant


@transaction.atomic
def variant_delete(variant: ProductVariant) -> None:
    variant.delete()
    search.products_changed([variant.product_id])


def shown_media(product: Product):
    """The photos shoppers see: approved ones, including those whose removal is in review."""
    return product.media.exclude(review=MediaReview.PENDING_ADD)


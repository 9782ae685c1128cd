"""The catalog's error codes (sellers, products, media, moderation, imports), declared once.
The GraphQL enum CatalogErrorCode is made from this class (catalog/graphql/errors.py)."""

from enum import StrEnum


class CatalogErrorCode(StrEnum):
    ALREADY_REGISTERED = "already_registered"
    INVALID_STATUS = "invalid_status"
    NO_VARIANTS = "no_variants"
    NOTHING_TO_REVIEW = "nothing_to_review"
    HALAL_CERTIFICATE_REQUIRED = "halal_certificate_required"
    FOOD_PERMIT_REQUIRED = "food_permit_required"
    TOO_MANY_PHOTOS = "too_many_photos"

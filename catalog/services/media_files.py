"""Deleting a photo and its files: what the photo services and the moderation of a
product's edits (a photo the seller asked to remove) both do."""

from django.core.files.storage import default_storage
from django.db import transaction

from ..models import ProductMedia


def media_delete_now(media: ProductMedia) -> None:
    """The photo's row now, its image and thumbnails once the transaction commits."""
    paths = [p for formats in media.thumbnails.values() for p in formats.values()]
    image_name = media.image.name
    transaction.on_commit(lambda: [default_storage.delete(p) for p in [*paths, image_name]])
    media.delete()

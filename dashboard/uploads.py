"""A file checked in a preview and applied a moment later: kept privately between the two
steps, so the person does not have to choose it again."""

import uuid

from django.core.files.base import ContentFile

from backend.storage import private_storage

FOLDER = "pending-uploads"


def upload_keep(content: bytes) -> str:
    name = private_storage.save(f"{FOLDER}/{uuid.uuid4().hex}", ContentFile(content))
    return name.rsplit("/", 1)[-1]


def upload_take(token: str) -> bytes | None:
    """The kept file's bytes (then forgotten), or None for an unknown or used token."""
    if not token or not token.isalnum():
        return None
    name = f"{FOLDER}/{token}"
    if not private_storage.exists(name):
        return None
    with private_storage.open(name, "rb") as handle:
        content = handle.read()
    private_storage.delete(name)
    return content

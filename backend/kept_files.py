"""An uploaded file kept between two steps (a checked preview and the apply a moment later,
or a worker's job), privately, so nobody has to choose it again."""

import uuid

from django.core.files.base import ContentFile

from backend.storage import private_storage

FOLDER = "kept-uploads"


def file_keep(content: bytes) -> str:
    """Keep the bytes; the returned token names them."""
    token = uuid.uuid4().hex
    private_storage.save(f"{FOLDER}/{token}", ContentFile(content))
    return token


def _name(token: str) -> str | None:
    return f"{FOLDER}/{token}" if token and token.isalnum() else None


def file_read(token: str) -> bytes | None:
    """The kept bytes, or None for an unknown or forgotten token."""
    name = _name(token)
    if name is None or not private_storage.exists(name):
        return None
    with private_storage.open(name, "rb") as handle:
        return handle.read()


def file_forget(token: str) -> None:
    name = _name(token)
    if name is not None and private_storage.exists(name):
        private_storage.delete(name)


def file_take(token: str) -> bytes | None:
    """Read once: the bytes, then forgotten (a second apply finds nothing)."""
    content = file_read(token)
    file_forget(token)
    return content

"""Uploaded files with a size limit, so an upload cannot exhaust memory: every page, mutation
and endpoint that takes a file checks its size here."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.error_codes import FileErrorCode

SPREADSHEET_MAX_BYTES = 30 * 1024 * 1024
ARCHIVE_MAX_BYTES = 200 * 1024 * 1024
PHOTO_MAX_BYTES = 10 * 1024 * 1024


def too_large_message(max_bytes: int) -> str:
    return _("The file is larger than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}


def too_large(field: str, max_bytes: int) -> ValidationError:
    return ValidationError({field: ValidationError(too_large_message(max_bytes),
                                                   code=FileErrorCode.FILE_TOO_LARGE)})


def upload_size_check(upload, field: str, max_bytes: int):
    """The upload itself, once it is one and not larger than `max_bytes` as sent."""
    if upload is None or not hasattr(upload, "read"):
        raise ValidationError({field: ValidationError(
            _("Send the file in a multipart request."), code=FileErrorCode.INVALID_FILE)})
    if (getattr(upload, "size", None) or 0) > max_bytes:
        raise too_large(field, max_bytes)
    return upload


def read_upload(upload, field: str, max_bytes: int) -> bytes:
    """The upload's bytes; never more than `max_bytes` are read, whatever the size sent."""
    content = upload_size_check(upload, field, max_bytes).read(max_bytes + 1)
    if len(content) > max_bytes:
        raise too_large(field, max_bytes)
    return content

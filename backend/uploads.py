"""Reading uploaded files with a size limit, so an upload cannot exhaust memory."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.error_codes import FileErrorCode

SPREADSHEET_MAX_BYTES = 30 * 1024 * 1024
ARCHIVE_MAX_BYTES = 200 * 1024 * 1024


def read_upload(upload, field: str, max_bytes: int) -> bytes:
    if upload is None or not hasattr(upload, "read"):
        raise ValidationError({field: ValidationError(
            _("Send the file in a multipart request."), code=FileErrorCode.INVALID_FILE)})
    too_large = ValidationError({field: ValidationError(
        _("The file is larger than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
        code=FileErrorCode.FILE_TOO_LARGE)})
    if getattr(upload, "size", 0) and upload.size > max_bytes:
        raise too_large
    content = upload.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise too_large
    return content

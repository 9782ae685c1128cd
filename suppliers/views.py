"""The push endpoint: a supplier's own system POSTs its feed with its secret token."""

import tempfile

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from backend.uploads import SPREADSHEET_MAX_BYTES, too_large_message

from .models import FeedFormat, SupplierSync
from .services.pull import feed_push, push_source

CONTENT_TYPES = {"text/csv": FeedFormat.CSV, "application/json": FeedFormat.JSON,
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                     FeedFormat.XLSX}
CHUNK = 64 * 1024


@csrf_exempt
@require_POST
def feed_push_view(request):
    """POST /suppliers/feed/push with `Authorization: Bearer <token>`; the body is the feed
    (Content-Type text/csv, application/json or the .xlsx type, or ?format=csv|xlsx|json).
    The body is spooled to disk as it arrives, then read as a stream."""
    header = request.headers.get("Authorization", "")
    source = push_source(header[7:].strip() if header.lower().startswith("bearer ") else "")
    if source is None:
        return JsonResponse({"error": _("Unknown or missing token.")}, status=401)
    too_large = JsonResponse({"error": too_large_message(SPREADSHEET_MAX_BYTES)}, status=413)
    length = request.headers.get("Content-Length") or "0"
    if not length.isdigit() or int(length) > SPREADSHEET_MAX_BYTES:
        return too_large
    content_type = request.content_type.split(";")[0].strip().lower()
    fmt = request.GET.get("format") or CONTENT_TYPES.get(content_type, "")
    with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as spool:
        size = 0
        while chunk := request.read(CHUNK):
            size += len(chunk)
            if size > SPREADSHEET_MAX_BYTES:
                return too_large
            spool.write(chunk)
        spool.seek(0)
        sync = feed_push(source, spool, fmt)
    applied = sync.status == SupplierSync.Status.APPLIED
    return JsonResponse({"status": sync.status, "rows": sync.rows, "counts": sync.counts,
                         "errors": sync.errors[:100], "message": sync.message},
                        status=200 if applied else 422)

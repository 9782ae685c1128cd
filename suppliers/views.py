"""The push endpoint: a supplier's own system POSTs its feed with its secret token."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from backend.uploads import SPREADSHEET_MAX_BYTES

from .models import FeedFormat, SupplierSync
from .services.pull import feed_push

CONTENT_TYPES = {"text/csv": FeedFormat.CSV, "application/json": FeedFormat.JSON,
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                     FeedFormat.XLSX}


@csrf_exempt
@require_POST
def feed_push_view(request):
    """POST /suppliers/feed/push with `Authorization: Bearer <token>`; the body is the feed
    (Content-Type text/csv, application/json or the .xlsx type, or ?format=csv|xlsx|json)."""
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if int(request.headers.get("Content-Length") or 0) > SPREADSHEET_MAX_BYTES:
        return JsonResponse({"error": _("The file is larger than %(mb)s MB.")
                             % {"mb": SPREADSHEET_MAX_BYTES // 2**20}}, status=413)
    content_type = request.content_type.split(";")[0].strip().lower()
    fmt = request.GET.get("format") or CONTENT_TYPES.get(content_type, "")
    sync = feed_push(token, request.body, fmt)
    if sync is None:
        return JsonResponse({"error": _("Unknown or missing token.")}, status=401)
    applied = sync.status == SupplierSync.Status.APPLIED
    return JsonResponse({"status": sync.status, "rows": sync.rows, "counts": sync.counts,
                         "errors": sync.errors[:100], "message": sync.message},
                        status=200 if applied else 422)

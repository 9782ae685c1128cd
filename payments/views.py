"""Gateway notifications, one URL per cooperative and gateway. Thin: the service verifies,
records once and asks the gateway. A bad signature answers 400; a gateway that cannot be
asked answers 503, so the gateway sends the notification again later."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from backend.cooperatives.models import Cooperative

from .providers import BadSignature, GatewayUnavailable
from .services import payment_notification_handle


@csrf_exempt
@require_POST
def notification(request, slug: str, provider: str):
    cooperative = get_object_or_404(Cooperative, slug=slug, is_active=True)
    try:
        outcome = payment_notification_handle(cooperative, provider, request.body,
                                              request.headers)
    except BadSignature:
        return HttpResponseBadRequest("bad signature", content_type="text/plain")
    except GatewayUnavailable:
        return HttpResponse("try again", status=503, content_type="text/plain")
    return HttpResponse(outcome, content_type="text/plain")

"""The WhatsApp webhook of one cooperative: Meta's GET verify-token handshake, and signed POSTs
with delivery statuses and incoming messages. Thin: the services do the work."""

import hmac
import json

from django.conf import settings as django_settings
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from backend.cooperatives.models import Cooperative

from .channels.sms import SmsChannel
from .channels.whatsapp import IncomingText, StatusEvent, signature_valid, webhook_events
from .delivery import channel_settings_of
from .services import message_incoming, message_status_update


@csrf_exempt
@require_http_methods(["GET", "POST"])
def whatsapp_webhook(request, slug: str):
    cooperative = get_object_or_404(Cooperative, slug=slug, is_active=True)
    settings = channel_settings_of(cooperative)
    if request.method == "GET":
        token = request.GET.get("hub.verify_token", "")
        if (request.GET.get("hub.mode") == "subscribe" and settings.whatsapp_verify_token
                and hmac.compare_digest(token, settings.whatsapp_verify_token)):
            return HttpResponse(request.GET.get("hub.challenge", ""),
                                content_type="text/plain")
        return HttpResponseForbidden()
    if not signature_valid(settings.whatsapp_app_secret, request.body,
                           request.headers.get("X-Hub-Signature-256", "")):
        return HttpResponseForbidden()
    try:
        payload = json.loads(request.body)
    except ValueError:
        return HttpResponse(status=400)
    for event in webhook_events(payload if isinstance(payload, dict) else {}):
        if isinstance(event, StatusEvent):
            message_status_update(cooperative, event.provider_message_id, event.status,
                                  event.error)
        elif isinstance(event, IncomingText):
            message_incoming(cooperative, event.phone, event.text)
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
@require_POST
def sms_webhook(request, slug: str):
    """SMS someone sent to the cooperative's number (BERHENTI, MULAI, anything else), posted by
    the SMS provider and verified as it documents; the answer goes back by SMS."""
    cooperative = get_object_or_404(Cooperative, slug=slug, is_active=True)
    channel = SmsChannel(channel_settings_of(cooperative))
    if not channel.configured():
        return HttpResponseForbidden()
    provider = channel.provider()
    form = request.POST.dict()
    # The address the provider signed: the public one (behind a proxy), or the one asked.
    addresses = (django_settings.PUBLIC_URL + request.get_full_path(),
                 request.build_absolute_uri())
    incoming = next((found for url in addresses
                     if (found := provider.incoming(url, form, request.headers))), None)
    if incoming is None:
        return HttpResponseForbidden()
    message_incoming(cooperative, incoming.phone, incoming.text, channel="sms")
    body, content_type = provider.incoming_answer
    return HttpResponse(body, content_type=content_type)

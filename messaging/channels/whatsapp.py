"""WhatsApp Business Cloud API (Meta Graph API), plain HTTP: POST
/{phone-number-id}/messages with an approved template and its body parameters, or free text for
an answer inside the 24-hour window.
https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages

(pywa 4.5.0 would do the same and more, with httpx and its own webhook server; one POST and
one HMAC check do not need it.)"""

import hashlib
import hmac
import json
from dataclasses import dataclass

from django.conf import settings as django_settings

from .base import Channel, IncomingText, Outgoing, ProviderRefused, http_post


class WhatsAppChannel(Channel):
    name = "whatsapp"

    def configured(self) -> bool:
        return bool(self.settings.whatsapp_phone_number_id
                    and self.settings.whatsapp_token_encrypted)

    def payload(self, outgoing: Outgoing) -> dict:
        to = outgoing.phone.lstrip("+")
        if outgoing.template.is_reply:
            return {"messaging_product": "whatsapp", "to": to, "type": "text",
                    "text": {"body": outgoing.text}}
        parameters = [{"type": "text", "text": str(outgoing.variables[name])}
                      for name in outgoing.template.variables]
        return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
                "type": "template",
                "template": {"name": outgoing.template.whatsapp_name,
                             "language": {"code": outgoing.language},
                             "components": [{"type": "body", "parameters": parameters}]}}

    def send(self, outgoing: Outgoing) -> str:
        url = (f"{django_settings.WHATSAPP_API_BASE.rstrip('/')}/"
               f"{self.settings.whatsapp_phone_number_id}/messages")
        answer = http_post(url, json.dumps(self.payload(outgoing)).encode(),
                           {"Authorization": f"Bearer {self.settings.whatsapp_token}",
                            "Content-Type": "application/json"})
        try:
            return answer["messages"][0]["id"]
        except (KeyError, IndexError, TypeError):
            raise ProviderRefused(f"unexpected answer: {str(answer)[:200]}") from None


def signature_valid(app_secret: str, raw_body: bytes, header: str) -> bool:
    """Meta signs each webhook POST: X-Hub-Signature-256 = "sha256=" + HMAC-SHA256 of the raw
    body with the app secret.
    https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads"""
    if not app_secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


@dataclass(frozen=True)
class StatusEvent:
    provider_message_id: str
    status: str  # sent, delivered, read, failed
    error: str = ""


def webhook_events(payload: dict) -> list:
    """The statuses and incoming texts of one webhook notification.
    https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components"""
    events = []
    for entry in payload.get("entry") or []:
        for change in entry.get("changes") or []:
            value = change.get("value") or {}
            for status in value.get("statuses") or []:
                errors = "; ".join(str(e.get("title") or e.get("message") or e)
                                   for e in status.get("errors") or [])
                events.append(StatusEvent(str(status.get("id", "")),
                                          str(status.get("status", "")), errors))
            for message in value.get("messages") or []:
                text = (message.get("text") or {}).get("body", "") \
                    if message.get("type") == "text" else ""
                events.append(IncomingText(str(message.get("from", "")), text))
    return events

"""An emulator of the WhatsApp Business Cloud API, for tests: the message send endpoint and
the webhook notifications it posts back.

Follows Meta's documentation:
- send: POST /{phone-number-id}/messages with `Authorization: Bearer <token>`; template
  messages (`type: template`, `template.name`, `template.language.code`, body parameters) and
  text messages; answer `{"messaging_product", "contacts", "messages": [{"id": "wamid..."}]}`;
  errors as `{"error": {"message", "type", "code"}}`
  https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
  https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
- webhooks: `object: whatsapp_business_account`, `entry[].changes[].value` with `statuses`
  (sent, delivered, read, failed) or `messages`, signed with `X-Hub-Signature-256`
  (HMAC-SHA256 of the body with the app secret)
  https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components

Like Meta, it knows only approved templates (given to it as the cooperative would submit
them) and renders them into the recipient's inbox, so a test reads what the person reads."""

import hashlib
import hmac
import json
import re
import threading
import urllib.error
import urllib.request
import uuid

from .server import Emulator


class WhatsAppCloudEmulator(Emulator):
    def __init__(self, phone_number_id: str, token: str, app_secret: str, templates=()):
        self.phone_number_id, self.token, self.app_secret = phone_number_id, token, app_secret
        self.templates = {(t.name, t.language): t.body for t in templates}
        self.inbox: list[dict] = []
        self.refused_numbers: set[str] = set()  # e.g. not allowed / not on WhatsApp
        self.failures_to_come: list[int] = []  # HTTP statuses answered before working again
        self.requests = 0
        self.lock = threading.Lock()

    def handle_post(self, path, headers, body):
        with self.lock:
            self.requests += 1
            if self.failures_to_come:
                return self.failures_to_come.pop(0), _error("Service temporarily "
                                                            "unavailable", 2, "OAuthException")
        if path.rstrip("/").split("/")[-2:] != [self.phone_number_id, "messages"]:
            return 400, _error("Unsupported post request. Object does not exist", 100,
                               "GraphMethodException")
        if headers.get("Authorization") != f"Bearer {self.token}":
            return 401, _error("Error validating access token", 190, "OAuthException")
        request = json.loads(body)
        to = request.get("to", "")
        if to in self.refused_numbers:
            return 400, _error("(#131030) Recipient phone number not in allowed list",
                               131030, "OAuthException")
        if request.get("type") == "template":
            template = request["template"]
            key = (template["name"], template["language"]["code"])
            if key not in self.templates:
                return 404, _error("(#132001) Template name does not exist in the "
                                   "translation", 132001, "OAuthException")
            values = [p["text"] for c in template.get("components", [])
                      if c.get("type") == "body" for p in c.get("parameters", [])]
            text = re.sub(r"\{\{(\d+)\}\}", lambda m: values[int(m.group(1)) - 1],
                          self.templates[key])
        elif request.get("type") == "text":
            text = request["text"]["body"]
        else:
            return 400, _error("(#100) Invalid parameter", 100, "OAuthException")
        message_id = f"wamid.{uuid.uuid4().hex}"
        with self.lock:
            self.inbox.append({"to": to, "phone": f"+{to}", "text": text, "message": text,
                               "id": message_id,
                               "template": request.get("template", {}).get("name", "")})
        return 200, {"messaging_product": "whatsapp",
                     "contacts": [{"input": to, "wa_id": to}],
                     "messages": [{"id": message_id}]}

    def texts_to(self, phone: str) -> list[str]:
        return [m["text"] for m in self.inbox if m["to"] == phone.lstrip("+")]

    # Webhook notifications, posted to the product like Meta posts them.
    def _value(self, **fields) -> dict:
        return {"object": "whatsapp_business_account", "entry": [{
            "id": "WHATSAPP_BUSINESS_ACCOUNT_ID", "changes": [{"field": "messages", "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15550000000",
                             "phone_number_id": self.phone_number_id},
                **fields}}]}]}

    def status_notification(self, message_id: str, status: str, to: str) -> dict:
        return self._value(statuses=[{"id": message_id, "status": status,
                                      "timestamp": "1767225600", "recipient_id": to}])

    def incoming_notification(self, from_phone: str, text: str) -> dict:
        return self._value(contacts=[{"profile": {"name": "Pembeli"}, "wa_id": from_phone}],
                           messages=[{"from": from_phone, "id": f"wamid.{uuid.uuid4().hex}",
                                      "timestamp": "1767225600", "type": "text",
                                      "text": {"body": text}}])

    def post_webhook(self, url: str, notification: dict, secret: str | None = None) -> int:
        """POST a notification signed with the app secret (or another, to forge one)."""
        body = json.dumps(notification).encode()
        signature = hmac.new((secret or self.app_secret).encode(), body,
                             hashlib.sha256).hexdigest()
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={signature}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def _error(message: str, code: int, kind: str) -> dict:
    return {"error": {"message": message, "type": kind, "code": code,
                      "fbtrace_id": uuid.uuid4().hex[:20]}}

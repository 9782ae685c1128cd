"""An emulator of Twilio's Programmable Messaging API (the SMS provider implemented), for tests.

Follows Twilio's documentation: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP
Basic auth (account SID, auth token), form fields To, From, Body; answer 201 with the Message
resource (`sid` "SM...", `status` "queued"); errors as `{"code", "message", "status"}`.
https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
https://www.twilio.com/docs/usage/twilios-response"""

import base64
import hashlib
import hmac
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid

from .server import Emulator


class TwilioEmulator(Emulator):
    def __init__(self, account_sid: str, auth_token: str):
        self.account_sid, self.auth_token = account_sid, auth_token
        self.inbox: list[dict] = []
        self.lock = threading.Lock()

    def handle_post(self, path, headers, body):
        if path != f"/2010-04-01/Accounts/{self.account_sid}/Messages.json":
            return 404, {"code": 20404, "message": "The requested resource was not found",
                         "status": 404}
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if headers.get("Authorization") != f"Basic {expected}":
            return 401, {"code": 20003, "message": "Authenticate", "status": 401}
        form = dict(urllib.parse.parse_qsl(body.decode()))
        if not form.get("To", "").startswith("+") or not form.get("Body"):
            return 400, {"code": 21211, "message": "The 'To' number is not a valid phone "
                                                   "number.", "status": 400}
        sid = f"SM{uuid.uuid4().hex}"
        with self.lock:
            self.inbox.append({"to": form["To"], "from": form.get("From", ""),
                               "text": form["Body"], "sid": sid})
        return 201, {"sid": sid, "account_sid": self.account_sid, "to": form["To"],
                     "from": form.get("From", ""), "body": form["Body"], "status": "queued",
                     "num_segments": "1", "direction": "outbound-api"}

    def post_incoming(self, url: str, from_phone: str, text: str,
                      auth_token: str | None = None) -> int:
        """POST an inbound SMS to the product's webhook as Twilio does: form fields, signed
        with X-Twilio-Signature (Base64 HMAC-SHA1 of the URL and the sorted parameters, keyed
        with the auth token; another token forges it).
        https://www.twilio.com/docs/messaging/guides/webhook-request
        https://www.twilio.com/docs/usage/security#validating-requests"""
        form = {"MessageSid": f"SM{uuid.uuid4().hex}", "AccountSid": self.account_sid,
                "From": from_phone, "To": "+15005550006", "Body": text, "NumMedia": "0"}
        signed = url + "".join(f"{name}{form[name]}" for name in sorted(form))
        signature = base64.b64encode(hmac.new((auth_token or self.auth_token).encode(),
                                              signed.encode(), hashlib.sha1).digest()).decode()
        request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(),
                                         method="POST", headers={
                                             "Content-Type": "application/x-www-form-urlencoded",
                                             "X-Twilio-Signature": signature})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def texts_to(self, phone: str) -> list[str]:
        return [m["text"] for m in self.inbox if m["to"] == phone]

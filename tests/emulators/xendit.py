"""An emulator of the Xendit API, for tests (no Xendit test account is reachable from these
machines). The official `xendit-python` library talks to it over HTTP
(`xendit.Configuration(host=...)`).

Follows Xendit's documentation:
- Payment Requests: POST /payment_requests (QR_CODE/QRIS with channel_properties.qr_string,
  VIRTUAL_ACCOUNT with virtual_account_number, EWALLET with an AUTH action DEEPLINK/WEB;
  Idempotency-key header), GET /payment_requests/{id}; statuses PENDING, REQUIRES_ACTION,
  SUCCEEDED, EXPIRED, FAILED: https://developers.xendit.co/api-reference/#payment-requests
- Invoices: POST /v2/invoices/, GET /v2/invoices/{id} (PENDING, PAID, EXPIRED):
  https://developers.xendit.co/api-reference/#create-invoice
- Refunds: POST /refunds (payment_request_id or invoice_id; Idempotency-key), e-wallets and
  QRIS only: https://developers.xendit.co/api-reference/#create-refund
- Callbacks with the account's verification token in `x-callback-token` and a `webhook-id`:
  payment.succeeded (Payment Requests), the invoice callback (status PAID):
  https://docs.xendit.co/docs/handling-webhooks
Auth is HTTP Basic with the secret API key as user name.

Not Xendit: POST /simulate/pay {"reference_id", "amount"?, "notify"?, "late"?} plays the
shopper's app paying; the callback it sends is kept in `callbacks` (url, body, headers)."""

import json
import threading
import uuid
from datetime import UTC, datetime, timedelta

from .server import Emulator, basic_auth_user, post_back

REFUNDABLE = {"QR_CODE", "EWALLET"}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class XenditEmulator(Emulator):
    def __init__(self):
        self.merchants: dict[str, dict] = {}  # secret key -> callback token, url
        self.requests: dict[str, dict] = {}  # payment request or invoice id -> record
        self.idempotent: dict[tuple[str, str], dict] = {}
        self.callbacks: list[tuple[str | None, bytes, dict]] = []
        self.lock = threading.Lock()
        self.now = lambda: datetime.now(UTC)

    def merchant(self, secret_key: str, callback_token: str, url: str | None = None) -> None:
        self.merchants[secret_key] = {"token": callback_token, "url": url}

    def _key(self, headers) -> str | None:
        key = basic_auth_user(headers)
        return key if key in self.merchants else None

    @staticmethod
    def _error(status: int, code: str, message: str):
        return status, {"error_code": code, "message": message}

    def _current(self, record: dict) -> dict:
        if record["status"] in ("PENDING", "REQUIRES_ACTION") and record.get("expires") and \
                self.now() > record["expires"]:
            record["status"] = "EXPIRED"
        return {k: v for k, v in record.items() if k not in ("key", "expires", "kind",
                                                               "refunded")}

    # -- endpoints --------------------------------------------------------------------------
    def handle_get(self, path, headers):
        key = self._key(headers)
        if key is None:
            return self._error(401, "INVALID_API_KEY", "API key is invalid")
        parts = path.split("?")[0].strip("/").split("/")
        record_id = parts[-1]
        with self.lock:
            record = self.requests.get(record_id)
            if record is None or record["key"] != key or (
                    (parts[0] == "payment_requests") != (record["kind"] == "pr")):
                return self._error(404, "DATA_NOT_FOUND", "Data not found")
            return 200, self._current(record)

    def handle_post(self, path, headers, body):
        if path == "/simulate/pay":
            return self.simulate_pay(**json.loads(body))
        key = self._key(headers)
        if key is None:
            return self._error(401, "INVALID_API_KEY", "API key is invalid")
        data = json.loads(body or b"{}")
        idempotency = headers.get("Idempotency-key") or headers.get("idempotency-key")
        with self.lock:
            if idempotency and (key, idempotency) in self.idempotent:
                return 200, self.idempotent[(key, idempotency)]
            if path == "/payment_requests":
                status, answer = self.payment_request(key, data)
            elif path.rstrip("/") == "/v2/invoices":
                status, answer = self.invoice(key, data)
            elif path == "/refunds":
                status, answer = self.refund(key, data)
            else:
                return self._error(404, "NOT_FOUND", "Not found")
            if idempotency and status < 300:
                self.idempotent[(key, idempotency)] = answer
            return status, answer

    def payment_request(self, key: str, data: dict):
        method = data.get("payment_method") or {}
        kind = method.get("type")
        amount = data.get("amount")
        if not data.get("reference_id") or not amount or data.get("currency") != "IDR":
            return self._error(400, "API_VALIDATION_ERROR", "reference_id, amount, currency")
        now, pr_id = self.now(), f"pr-{uuid.uuid4()}"
        found = {"id": f"pm-{uuid.uuid4()}", "type": kind, "reusability": "ONE_TIME_USE",
                 "status": "ACTIVE", "created": _iso(now), "updated": _iso(now)}
        actions, expires, status = [], None, "PENDING"
        part = method.get(kind.lower()) if kind in ("QR_CODE", "VIRTUAL_ACCOUNT",
                                                     "EWALLET") else None
        properties = dict((part or {}).get("channel_properties") or {})
        if properties.get("expires_at"):
            expires = datetime.fromisoformat(properties["expires_at"].replace("Z", "+00:00"))
        if kind == "QR_CODE":
            properties["qr_string"] = (
                "00020101021226660014ID.LINKAJA.WWW011893600911" f"{uuid.uuid4().int % 10**9:09d}"
                f"5204541153033605405{int(amount)}5802ID5907KOPMART6006SERANG6304ABCD")
            expires = expires or now + timedelta(minutes=15)
        elif kind == "VIRTUAL_ACCOUNT":
            properties["virtual_account_number"] = f"8808{uuid.uuid4().int % 10**12:012d}"
            expires = expires or now + timedelta(days=1)
        elif kind == "EWALLET":
            status = "REQUIRES_ACTION"
            channel = part.get("channel_code", "")
            if channel != "OVO":  # OVO pushes to the app; the others open it
                actions = [{"action": "AUTH", "url_type": "DEEPLINK", "method": "GET",
                            "url": f"{channel.lower()}://pay?pr={pr_id}", "qr_code": None},
                           {"action": "AUTH", "url_type": "WEB", "method": "GET",
                            "url": f"{self.url}/web/{pr_id}", "qr_code": None}]
        else:
            return self._error(400, "API_VALIDATION_ERROR", "payment_method.type")
        if expires:
            properties["expires_at"] = _iso(expires)
        found[kind.lower()] = {"channel_code": part.get("channel_code"),
                               "channel_properties": properties}
        record = {"id": pr_id, "created": _iso(now), "updated": _iso(now),
                  "reference_id": data["reference_id"], "business_id": "biz-" + key[-6:],
                  "currency": "IDR", "amount": float(amount), "country": "ID",
                  "status": status, "payment_method": found, "actions": actions,
                  "capture_method": "AUTOMATIC", "key": key, "kind": "pr",
                  "expires": expires, "refunded": 0.0}
        self.requests[pr_id] = record
        return 201, self._current(record)

    def invoice(self, key: str, data: dict):
        if not data.get("external_id") or not data.get("amount"):
            return self._error(400, "API_VALIDATION_ERROR", "external_id and amount")
        now, invoice_id = self.now(), uuid.uuid4().hex[:24]
        expires = now + timedelta(seconds=float(data.get("invoice_duration") or 86400))
        record = {"id": invoice_id, "external_id": data["external_id"], "user_id": key[-6:],
                  "status": "PENDING", "merchant_name": "Koperasi",
                  "merchant_profile_picture_url": "https://example.test/logo.png",
                  "amount": float(data["amount"]), "expiry_date": _iso(expires),
                  "invoice_url": f"{self.url}/web/invoices/{invoice_id}",
                  "available_banks": [], "available_retail_outlets": [],
                  "available_ewallets": [], "available_qr_codes": [],
                  "available_direct_debits": [], "available_paylaters": [],
                  "should_send_email": False, "created": _iso(now), "updated": _iso(now),
                  "currency": "IDR", "key": key, "kind": "invoice", "expires": expires,
                  "refunded": 0.0}
        self.requests[invoice_id] = record
        return 200, self._current(record)

    def refund(self, key: str, data: dict):
        record = self.requests.get(data.get("payment_request_id") or data.get("invoice_id")
                                   or "")
        if record is None or record["key"] != key:
            return self._error(404, "DATA_NOT_FOUND", "Payment not found")
        kind = record["payment_method"]["type"] if record["kind"] == "pr" else "INVOICE"
        if kind not in REFUNDABLE | {"INVOICE"}:
            return self._error(400, "REFUND_NOT_SUPPORTED", "The channel does not refund")
        if record["status"] not in ("SUCCEEDED", "PAID"):
            return self._error(400, "INELIGIBLE_TRANSACTION", "Not paid")
        amount = float(data.get("amount") or record["amount"] - record["refunded"])
        if amount + record["refunded"] > record["amount"]:
            return self._error(400, "MAXIMUM_REFUND_AMOUNT_REACHED", "Too much")
        record["refunded"] += amount
        now = _iso(self.now())
        return 200, {"id": f"rfd-{uuid.uuid4()}", "payment_request_id": record["id"],
                     "amount": amount, "channel_code": "QRIS", "country": "ID",
                     "currency": "IDR", "reference_id": data.get("reference_id"),
                     "status": "SUCCEEDED", "reason": data.get("reason"), "created": now,
                     "updated": now}

    # -- the shopper's app ------------------------------------------------------------------
    def simulate_pay(self, reference_id: str, amount: float | None = None, notify: bool = True,
                     late: bool = False):
        with self.lock:
            found = [r for r in self.requests.values()
                     if r.get("reference_id", r.get("external_id")) == reference_id]
            if not found:
                return self._error(404, "DATA_NOT_FOUND", "Data not found")
            record = found[-1]
            status = self._current(record)["status"]
            if status not in ("PENDING", "REQUIRES_ACTION") and not (
                    late and status == "EXPIRED"):
                return self._error(400, "INVALID_STATUS", f"It is {status}")
            if amount is not None:
                record["amount"] = float(amount)
            record["status"] = "SUCCEEDED" if record["kind"] == "pr" else "PAID"
            merchant = self.merchants[record["key"]]
            body, headers = self.callback(record, merchant["token"])
        return self.deliver(merchant["url"] if notify else None, body, headers)

    def callback(self, record: dict, token: str) -> tuple[bytes, dict]:
        now = _iso(self.now())
        if record["kind"] == "invoice":
            payload = {"id": record["id"], "external_id": record["external_id"],
                       "status": "PAID", "amount": record["amount"],
                       "paid_amount": record["amount"], "paid_at": now,
                       "payment_method": "QR_CODE", "currency": "IDR"}
        else:
            payload = {"event": "payment.succeeded", "business_id": record["business_id"],
                       "created": now, "data": {
                           "id": f"py-{uuid.uuid4()}", "payment_request_id": record["id"],
                           "reference_id": record["reference_id"], "status": "SUCCEEDED",
                           "amount": record["amount"], "currency": "IDR", "country": "ID",
                           "payment_method": record["payment_method"], "created": now}}
        headers = {"Content-Type": "application/json", "x-callback-token": token,
                   "webhook-id": f"whk-{uuid.uuid4()}"}
        return json.dumps(payload).encode(), headers

    def deliver(self, url: str | None, body: bytes, headers: dict):
        self.callbacks.append((url, body, headers))
        if not url:
            return 200, {"kept": True}
        return post_back(url, body, headers)

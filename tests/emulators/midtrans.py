"""An emulator of the Midtrans Core API and Snap, for tests (no Midtrans sandbox is reachable
from these machines). The official `midtransclient` library talks to it over HTTP.

Follows Midtrans' documentation:
- POST /v2/charge (payment_type qris, bank_transfer bca/bni/bri/permata, echannel, gopay,
  shopeepay; custom_expiry), answers with transaction_id, transaction_status "pending",
  qr_string / va_numbers / permata_va_number / bill_key + biller_code / actions (deeplink),
  expiry_time in Jakarta time: https://docs.midtrans.com/reference/charge-transactions-1
- GET /v2/{order_id}/status, POST /v2/{order_id}/cancel, /expire, /refund (e-wallets and
  QRIS only; refund_key idempotent): https://docs.midtrans.com/reference/get-transaction-status
- POST /snap/v1/transactions -> token, redirect_url: https://docs.midtrans.com/reference/backend-integration
- HTTP notifications with signature_key = SHA512(order_id + status_code + gross_amount +
  server key): https://docs.midtrans.com/docs/https-notification-webhooks
Auth is HTTP Basic with the server key as user name, per merchant.

Not Midtrans: POST /simulate/pay {"order_id", "amount"?, "notify"?} plays the shopper's bank
or e-wallet app paying (optionally a different amount, or without sending the notification:
a lost webhook); the notification it sends is kept in `notifications` for replay."""

import hashlib
import json
import threading
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .server import Emulator, basic_auth_user, post_back

JAKARTA = ZoneInfo("Asia/Jakarta")
FORMAT = "%Y-%m-%d %H:%M:%S"
REFUNDABLE = {"qris", "gopay", "shopeepay"}
STATUS_CODE = {"pending": "201", "settlement": "200", "expire": "407", "cancel": "200",
               "refund": "200", "partial_refund": "200", "deny": "202"}


def _money(amount: int) -> str:
    return f"{amount}.00"


class MidtransEmulator(Emulator):
    def __init__(self):
        self.merchants: dict[str, str | None] = {}  # server key -> notification URL
        self.transactions: dict[tuple[str, str], dict] = {}  # (server key, order_id)
        self.notifications: list[tuple[str, bytes]] = []  # (url, body) sent or kept
        self.lock = threading.Lock()
        self.now = lambda: datetime.now(JAKARTA)

    def merchant(self, server_key: str, notification_url: str | None = None) -> None:
        self.merchants[server_key] = notification_url

    # -- plumbing ---------------------------------------------------------------------------
    def _key(self, headers) -> str | None:
        key = basic_auth_user(headers)
        return key if key in self.merchants else None

    @staticmethod
    def _error(status: int, message: str) -> tuple[int, dict]:
        return status, {"status_code": str(status), "status_message": message}

    def _status_of(self, tx: dict) -> dict:
        if tx["transaction_status"] == "pending" and tx.get("expiry") and \
                self.now() > tx["expiry"]:
            tx["transaction_status"] = "expire"
        body = {k: v for k, v in tx.items() if k not in ("expiry", "refund_keys", "snap")}
        body["status_code"] = STATUS_CODE[tx["transaction_status"]]
        body["status_message"] = "Success, transaction is found"
        return body

    # -- endpoints --------------------------------------------------------------------------
    def handle_get(self, path, headers):
        key = self._key(headers)
        if key is None:
            return self._error(401, "Unknown Merchant server_key/id")
        parts = path.split("?")[0].strip("/").split("/")
        if len(parts) == 3 and parts[0] == "v2" and parts[2] == "status":
            with self.lock:
                tx = self.transactions.get((key, parts[1]))
                if tx is None or tx.get("snap") and tx["transaction_status"] == "pending":
                    return self._error(404, "Transaction doesn't exist.")
                return 200, self._status_of(tx)
        return self._error(404, "Not found")

    def handle_post(self, path, headers, body):
        if path == "/simulate/pay":
            return self.simulate_pay(**json.loads(body))
        key = self._key(headers)
        if key is None:
            return self._error(401, "Unknown Merchant server_key/id")
        data = json.loads(body or b"{}")
        if path == "/v2/charge":
            return self.charge(key, data)
        if path == "/snap/v1/transactions":
            return self.snap(key, data)
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == "v2":
            with self.lock:
                tx = self.transactions.get((key, parts[1]))
                if tx is None:
                    return self._error(404, "Transaction doesn't exist.")
                action = parts[2]
                if action in ("cancel", "expire"):
                    if tx["transaction_status"] != "pending":
                        return self._error(412, "Transaction status cannot be updated.")
                    tx["transaction_status"] = "cancel" if action == "cancel" else "expire"
                    return 200, self._status_of(tx)
                if action == "refund":
                    return self.refund(tx, data)
        return self._error(404, "Not found")

    def charge(self, key: str, data: dict):
        details = data.get("transaction_details") or {}
        order_id, amount = details.get("order_id"), details.get("gross_amount")
        payment_type = data.get("payment_type")
        if not order_id or not isinstance(amount, int) or amount < 1:
            return self._error(400, "transaction_details.gross_amount is required")
        if (key, order_id) in self.transactions:
            return self._error(406, "The request could not be completed due to a conflict "
                                    "with the current state of the target resource, please "
                                    "try again")
        expiry = data.get("custom_expiry") or {}
        minutes = int(expiry.get("expiry_duration") or (15 if payment_type in (
            "qris", "gopay", "shopeepay") else 24 * 60))
        if expiry.get("unit") == "hour":
            minutes *= 60
        now = self.now()
        tx = {"transaction_id": str(uuid.uuid4()), "order_id": order_id,
              "gross_amount": _money(amount), "currency": "IDR", "payment_type": payment_type,
              "transaction_time": now.strftime(FORMAT), "transaction_status": "pending",
              "fraud_status": "accept", "merchant_id": "G" + key[-9:],
              "expiry_time": (now + timedelta(minutes=minutes)).strftime(FORMAT),
              "expiry": now + timedelta(minutes=minutes), "refund_keys": {}}
        answer = {}
        base = getattr(self, "url", "")
        if payment_type == "qris":
            answer["qr_string"] = ("00020101021226620014COM.GO-JEK.WWW011993600914"
                                   f"{uuid.uuid4().int % 10**10:010d}5204581253033605406"
                                   f"{amount}5802ID5907KOPMART6006SERANG6304ABCD")
            answer["acquirer"] = "gopay"
            answer["actions"] = [{"name": "generate-qr-code", "method": "GET",
                                  "url": f"{base}/v2/qris/{tx['transaction_id']}/qr-code"}]
        elif payment_type == "bank_transfer":
            bank = (data.get("bank_transfer") or {}).get("bank")
            if bank not in ("bca", "bni", "bri", "permata"):
                return self._error(400, "bank_transfer.bank is not supported")
            number = f"{uuid.uuid4().int % 10**11:011d}"
            if bank == "permata":
                answer["permata_va_number"] = "8562" + number[:12]
            else:
                answer["va_numbers"] = [{"bank": bank, "va_number": "12345" + number}]
        elif payment_type == "echannel":
            answer.update(bill_key=f"{uuid.uuid4().int % 10**12:012d}", biller_code="70012")
        elif payment_type in ("gopay", "shopeepay"):
            scheme = "gojek" if payment_type == "gopay" else "shopeeid"
            answer["actions"] = [
                {"name": "deeplink-redirect", "method": "GET",
                 "url": f"{scheme}://gopay/merchanttransfer?tref={tx['transaction_id']}"},
                {"name": "get-status", "method": "GET",
                 "url": f"{base}/v2/{tx['transaction_id']}/status"}]
        else:
            return self._error(400, "payment_type is not supported")
        tx.update({k: v for k, v in answer.items() if k != "actions"})
        with self.lock:
            self.transactions[(key, order_id)] = tx
        body = {k: v for k, v in tx.items() if k not in ("expiry", "refund_keys")}
        return 201, {**body, **answer, "status_code": "201",
                     "status_message": f"{payment_type} transaction is created"}

    def snap(self, key: str, data: dict):
        details = data.get("transaction_details") or {}
        order_id, amount = details.get("order_id"), details.get("gross_amount")
        if not order_id or not isinstance(amount, int):
            return 400, {"error_messages": ["transaction_details.gross_amount is required"]}
        token = str(uuid.uuid4())
        with self.lock:
            self.transactions[(key, order_id)] = {
                "transaction_id": str(uuid.uuid4()), "order_id": order_id, "snap": token,
                "gross_amount": _money(amount), "currency": "IDR", "payment_type": "qris",
                "transaction_time": self.now().strftime(FORMAT),
                "transaction_status": "pending", "fraud_status": "accept",
                "expiry": self.now() + timedelta(days=1), "refund_keys": {}}
        return 201, {"token": token,
                     "redirect_url": f"{self.url}/snap/v4/redirection/{token}"}

    def refund(self, tx: dict, data: dict):
        if tx["payment_type"] not in REFUNDABLE:
            return self._error(412, "Merchant cannot modify the status of the transaction")
        if tx["transaction_status"] not in ("settlement", "partial_refund"):
            return self._error(412, "Transaction status cannot be updated.")
        key = data.get("refund_key") or str(uuid.uuid4())
        if key in tx["refund_keys"]:
            return 200, tx["refund_keys"][key]
        gross = int(float(tx["gross_amount"]))
        done = int(float(tx.get("refund_amount", "0")))
        amount = int(data.get("amount") or gross - done)
        if amount + done > gross:
            return self._error(412, "Refund amount exceeds the transaction amount")
        tx["refund_amount"] = _money(amount + done)
        tx["transaction_status"] = "refund" if amount + done == gross else "partial_refund"
        answer = {"status_code": "200", "status_message": "Success, refund request is approved",
                  "order_id": tx["order_id"], "refund_amount": _money(amount),
                  "refund_key": key, "transaction_status": tx["transaction_status"]}
        tx["refund_keys"][key] = answer
        return 200, answer

    # -- the shopper's app ------------------------------------------------------------------
    def simulate_pay(self, order_id: str, amount: int | None = None, notify: bool = True,
                     late: bool = False):
        """Pay a pending transaction (`late`: even one that expired meanwhile)."""
        with self.lock:
            found = [(k, tx) for (k, oid), tx in self.transactions.items() if oid == order_id]
            if not found:
                return self._error(404, "Transaction doesn't exist.")
            key, tx = found[0]
            status = self._status_of(tx)["transaction_status"]
            if status != "pending" and not (late and status == "expire"):
                return self._error(412, f"Transaction is {status}")
            if amount is not None:
                tx["gross_amount"] = _money(amount)
            tx["transaction_status"] = "settlement"
            tx["settlement_time"] = self.now().strftime(FORMAT)
            body = self.notification_body(key, tx)
            url = self.merchants.get(key)
        return self.deliver(url if notify else None, body)

    def notification_body(self, key: str, tx: dict) -> bytes:
        status = self._status_of(tx)
        payload = {k: status[k] for k in (
            "transaction_time", "transaction_status", "transaction_id", "status_message",
            "status_code", "payment_type", "order_id", "merchant_id", "gross_amount",
            "fraud_status", "currency") if k in status}
        if tx.get("settlement_time"):
            payload["settlement_time"] = tx["settlement_time"]
        payload["signature_key"] = hashlib.sha512(
            f"{payload['order_id']}{payload['status_code']}{payload['gross_amount']}{key}"
            .encode()).hexdigest()
        return json.dumps(payload).encode()

    def deliver(self, url: str | None, body: bytes):
        self.notifications.append((url, body))
        if not url:
            return 200, {"kept": True}
        return post_back(url, body, {"Content-Type": "application/json"})

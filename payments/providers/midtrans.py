"""Midtrans through its official library (`midtransclient`): Core API charges for QRIS,
bank transfer virtual accounts (BCA, BNI, BRI, Permata; Mandiri bill payment "echannel"),
GoPay and ShopeePay; the transaction status and refund endpoints; Snap (the hosted payment
page) as the fallback. Notifications carry `signature_key` = SHA512(order_id + status_code +
gross_amount + server key); we check it, then ask the status API anyway.
https://docs.midtrans.com/reference/core-api-overview
https://docs.midtrans.com/docs/https-notification-webhooks"""

import hashlib
import hmac
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import midtransclient
from django.conf import settings

from ..models import EWALLET_METHODS, AttemptState, Method
from .base import (
    BadSignature,
    Charge,
    ChargeRequest,
    ChargeStatus,
    GatewayUnavailable,
    Notice,
    PaymentProvider,
)

# Midtrans writes times in Jakarta time without a zone.
JAKARTA = ZoneInfo("Asia/Jakarta")
VA_BANKS = {Method.VA_BCA: "bca", Method.VA_BNI: "bni", Method.VA_BRI: "bri",
            Method.VA_PERMATA: "permata"}
STATES = {"settlement": AttemptState.PAID, "capture": AttemptState.PAID,
          "expire": AttemptState.EXPIRED, "cancel": AttemptState.CANCELLED,
          "deny": AttemptState.CANCELLED, "failure": AttemptState.CANCELLED,
          "refund": AttemptState.REFUNDED, "partial_refund": AttemptState.PAID}


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=JAKARTA)


def _amount(text) -> int:
    return int(round(float(text or 0)))


def signature_for(order_id: str, status_code: str, gross_amount: str, server_key: str) -> str:
    return hashlib.sha512(f"{order_id}{status_code}{gross_amount}{server_key}".encode()
                          ).hexdigest()


class MidtransProvider(PaymentProvider):
    name = "midtrans"
    methods = frozenset({Method.QRIS, *VA_BANKS, Method.VA_MANDIRI, Method.GOPAY,
                         Method.SHOPEEPAY, Method.HOSTED})
    # Midtrans refunds e-wallet and QRIS payments; bank transfers go back by hand.
    refundable_methods = frozenset({Method.QRIS, Method.GOPAY, Method.SHOPEEPAY})

    def __init__(self, server_key: str, client_key: str = "", *, is_production: bool = False):
        self.server_key = server_key
        self.core = midtransclient.CoreApi(is_production=is_production, server_key=server_key,
                                           client_key=client_key)
        self.snap = midtransclient.Snap(is_production=is_production, server_key=server_key,
                                        client_key=client_key)
        if settings.MIDTRANS_API_BASE:  # another Midtrans-compatible server (tests)
            for config in (self.core.api_config, self.snap.api_config):
                config.CORE_SANDBOX_BASE_URL = config.CORE_PRODUCTION_BASE_URL = \
                    settings.MIDTRANS_API_BASE
                config.SNAP_SANDBOX_BASE_URL = config.SNAP_PRODUCTION_BASE_URL = \
                    settings.MIDTRANS_API_BASE + "/snap/v1"

    def _call(self, function, *args):
        try:
            return function(*args)
        except midtransclient.error_midtrans.MidtransAPIError as error:
            raise GatewayUnavailable(str(error)[:300],
                                     declined=400 <= error.http_status_code < 500) from None
        except (OSError, ValueError) as error:  # requests' connection errors are OSErrors
            raise GatewayUnavailable(str(error)[:300]) from None

    def fee(self, method, amount):
        if method in (Method.QRIS,):
            return -(-amount * 7 // 1000)  # 0.7 %, rounded up
        if method in EWALLET_METHODS:
            return -(-amount * 2 // 100)
        return 4000 if method != Method.HOSTED else 0

    def create_charge(self, request: ChargeRequest) -> Charge:
        if request.method == Method.HOSTED:
            return self._snap(request)
        body = {"transaction_details": {"order_id": request.reference,
                                        "gross_amount": request.amount},
                "customer_details": {"first_name": request.customer.get("name", "")[:50],
                                     "email": request.customer.get("email", ""),
                                     "phone": request.customer.get("phone", "")}}
        if request.expires_at:
            minutes = max(1, round((request.expires_at - datetime.now(JAKARTA))
                                   .total_seconds() / 60))
            body["custom_expiry"] = {"expiry_duration": minutes, "unit": "minute"}
        method = request.method
        if method == Method.QRIS:
            body.update(payment_type="qris", qris={"acquirer": "gopay"})
        elif method in VA_BANKS:
            body.update(payment_type="bank_transfer", bank_transfer={"bank": VA_BANKS[method]})
        elif method == Method.VA_MANDIRI:
            body.update(payment_type="echannel", echannel={
                "bill_info1": "Pembayaran:", "bill_info2": request.description[:10] or "Belanja"})
        elif method == Method.GOPAY:
            body.update(payment_type="gopay", gopay={"enable_callback": bool(request.return_url),
                                                     "callback_url": request.return_url})
        elif method == Method.SHOPEEPAY:
            body.update(payment_type="shopeepay", shopeepay={"callback_url": request.return_url})
        else:
            raise GatewayUnavailable(f"Midtrans does not take {method}", declined=True)
        answer = self._call(self.core.charge, body)
        actions = {a.get("name"): a.get("url") for a in answer.get("actions") or []}
        instructions = {}
        if answer.get("qr_string"):
            instructions["qr_string"] = answer["qr_string"]
        if answer.get("va_numbers"):
            instructions.update(bank=answer["va_numbers"][0]["bank"],
                                va_number=answer["va_numbers"][0]["va_number"])
        if answer.get("permata_va_number"):
            instructions.update(bank="permata", va_number=answer["permata_va_number"])
        if answer.get("bill_key"):
            instructions.update(bank="mandiri", va_number=answer["bill_key"],
                                biller_code=answer.get("biller_code", ""))
        if actions.get("deeplink-redirect"):
            instructions["deeplink_url"] = actions["deeplink-redirect"]
        if actions.get("generate-qr-code") and "qr_string" not in instructions:
            instructions["qr_image_url"] = actions["generate-qr-code"]
        return Charge(answer["transaction_id"], instructions,
                      _time(answer.get("expiry_time")) or request.expires_at)

    def _snap(self, request: ChargeRequest) -> Charge:
        answer = self._call(self.snap.create_transaction, {
            "transaction_details": {"order_id": request.reference,
                                    "gross_amount": request.amount},
            "callbacks": {"finish": request.return_url} if request.return_url else {}})
        return Charge("", {"redirect_url": answer["redirect_url"]}, request.expires_at)

    def fetch_status(self, reference, provider_reference) -> ChargeStatus:
        try:
            answer = self.core.transactions.status(reference)
        except midtransclient.error_midtrans.MidtransAPIError as error:
            if error.http_status_code == 404 or str(
                    (error.api_response_dict or {}).get("status_code")) == "404":
                return ChargeStatus(AttemptState.PENDING)  # a Snap page not opened yet
            raise GatewayUnavailable(str(error)[:300]) from None
        except (OSError, ValueError) as error:
            raise GatewayUnavailable(str(error)[:300]) from None
        status = answer.get("transaction_status", "")
        if status == "capture" and answer.get("fraud_status") not in (None, "accept"):
            status = "pending"
        state = STATES.get(status, AttemptState.PENDING)
        refunded = _amount(answer.get("refund_amount")) if status in (
            "refund", "partial_refund") else 0
        paid = _amount(answer.get("gross_amount")) if state in (
            AttemptState.PAID, AttemptState.REFUNDED) else 0
        if state == AttemptState.REFUNDED:
            state = AttemptState.PAID  # paid first; the refund is counted in `refunded`
        return ChargeStatus(state, paid, refunded, answer)

    def refund(self, reference, provider_reference, amount, *, key, reason=""):
        answer = self._call(self.core.transactions.refund, reference, {
            "refund_key": key[:50], "amount": amount, "reason": reason[:255]})
        return str(answer.get("refund_key") or answer.get("refund_chargeback_id") or key)

    def cancel(self, reference, provider_reference):
        try:
            self.core.transactions.cancel(reference)
        except (midtransclient.error_midtrans.MidtransAPIError, OSError, ValueError):
            pass

    def verify_webhook(self, body: bytes, headers) -> Notice:
        try:
            payload = json.loads(body)
            order_id, status_code = str(payload["order_id"]), str(payload["status_code"])
            gross_amount, signature = str(payload["gross_amount"]), str(payload["signature_key"])
        except (ValueError, KeyError, TypeError):
            raise BadSignature() from None
        expected = signature_for(order_id, status_code, gross_amount, self.server_key)
        if not self.server_key or not hmac.compare_digest(expected, signature):
            raise BadSignature()
        event_id = ":".join(str(payload.get(k, "")) for k in (
            "transaction_id", "transaction_status", "status_code"))
        return Notice(event_id, order_id, payload)

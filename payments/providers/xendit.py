"""Xendit through its official library (`xendit-python` 7): the Payment Requests API for
dynamic QRIS (QR_CODE / QRIS), virtual accounts (BCA, BNI, BRI, Mandiri, Permata) and
e-wallets (OVO, DANA, ShopeePay: the answer's AUTH action is the deep link or redirect that
opens the app); the hosted Invoice page as the fallback for any method; the Refunds API.
Callbacks carry the account's verification token in `x-callback-token`; we check it, then
ask for the payment request's (or invoice's) state anyway.
https://developers.xendit.co/api-reference/#payment-requests
https://developers.xendit.co/api-reference/#create-invoice
https://docs.xendit.co/docs/handling-webhooks"""

import hmac
import json

import xendit
from django.conf import settings
from django.utils import timezone
from xendit.apis import InvoiceApi, PaymentRequestApi, RefundApi
from xendit.invoice.model.create_invoice_request import CreateInvoiceRequest
from xendit.payment_request.model.payment_request_parameters import PaymentRequestParameters
from xendit.refund.model.create_refund import CreateRefund

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

VA_BANKS = {Method.VA_BCA: "BCA", Method.VA_BNI: "BNI", Method.VA_BRI: "BRI",
            Method.VA_MANDIRI: "MANDIRI", Method.VA_PERMATA: "PERMATA"}
WALLETS = {Method.OVO: "OVO", Method.DANA: "DANA", Method.SHOPEEPAY: "SHOPEEPAY"}
STATES = {"SUCCEEDED": AttemptState.PAID, "PAID": AttemptState.PAID,
          "SETTLED": AttemptState.PAID, "EXPIRED": AttemptState.EXPIRED,
          "FAILED": AttemptState.CANCELLED, "CANCELED": AttemptState.CANCELLED,
          "VOIDED": AttemptState.CANCELLED}
INVOICE_PREFIX = "inv:"  # our provider_reference of a hosted invoice


def _value(field) -> str:
    return str(getattr(field, "value", field) or "")


class XenditProvider(PaymentProvider):
    name = "xendit"
    methods = frozenset({Method.QRIS, *VA_BANKS, *WALLETS, Method.HOSTED})
    # Xendit refunds e-wallet and QRIS payments; virtual accounts go back by hand.
    refundable_methods = frozenset({Method.QRIS, *WALLETS})

    def __init__(self, secret_key: str, callback_token: str = ""):
        self.callback_token = callback_token
        configuration = xendit.Configuration(host=settings.XENDIT_API_BASE or None,
                                             api_key=secret_key)
        self.configuration = configuration
        self.client = xendit.ApiClient(configuration)

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except xendit.XenditSdkException as error:
            status = int(getattr(error, "status", 0) or 0)
            raise GatewayUnavailable(str(error)[:300], declined=400 <= status < 500) from None
        except (OSError, ValueError) as error:
            raise GatewayUnavailable(str(error)[:300]) from None

    def fee(self, method, amount):
        if method == Method.QRIS:
            return -(-amount * 7 // 1000)
        if method in EWALLET_METHODS:
            return -(-amount * 2 // 100)
        return 4440 if method in VA_BANKS else 0  # Rp4.000 + PPN

    def _model(self, cls, data: dict):
        return cls._from_openapi_data(**data, _spec_property_naming=True,
                                      _configuration=self.configuration)

    def create_charge(self, request: ChargeRequest) -> Charge:
        if request.method == Method.HOSTED:
            return self._invoice(request)
        expires = request.expires_at.isoformat() if request.expires_at else None
        method = request.method
        if method == Method.QRIS:
            payment_method = {"type": "QR_CODE", "reusability": "ONE_TIME_USE",
                              "qr_code": {"channel_code": "QRIS", "channel_properties": {
                                  "expires_at": expires}}}
        elif method in VA_BANKS:
            payment_method = {"type": "VIRTUAL_ACCOUNT", "reusability": "ONE_TIME_USE",
                              "virtual_account": {"channel_code": VA_BANKS[method],
                                                  "channel_properties": {
                                  "customer_name": request.customer.get("name") or "Pembeli",
                                  "expires_at": expires}}}
        elif method in WALLETS:
            properties = {"success_return_url": request.return_url or None,
                          "failure_return_url": request.return_url or None}
            if method == Method.OVO:
                properties = {"mobile_number": request.customer.get("phone", "")}
            payment_method = {"type": "EWALLET", "reusability": "ONE_TIME_USE", "ewallet": {
                "channel_code": WALLETS[method],
                "channel_properties": {k: v for k, v in properties.items() if v}}}
        else:
            raise GatewayUnavailable(f"Xendit does not take {method}", declined=True)
        for part in payment_method.values():
            if isinstance(part, dict) and isinstance(part.get("channel_properties"), dict):
                part["channel_properties"] = {k: v for k, v in part["channel_properties"]
                                              .items() if v is not None}
        params = self._model(PaymentRequestParameters, {
            "reference_id": request.reference, "currency": "IDR", "country": "ID",
            "amount": float(request.amount), "payment_method": payment_method,
            **({"description": request.description} if request.description else {})})
        answer = self._call(PaymentRequestApi(self.client).create_payment_request,
                            idempotency_key=request.reference,
                            payment_request_parameters=params).to_dict()
        found = answer.get("payment_method") or {}
        instructions = {}
        qr = ((found.get("qr_code") or {}).get("channel_properties") or {})
        va = ((found.get("virtual_account") or {}).get("channel_properties") or {})
        if qr.get("qr_string"):
            instructions["qr_string"] = qr["qr_string"]
        if va.get("virtual_account_number"):
            instructions.update(bank=VA_BANKS[method].lower(),
                                va_number=va["virtual_account_number"])
        for action in answer.get("actions") or []:
            kind = _value(action.get("url_type"))
            if action.get("url") and kind in ("DEEPLINK", "MOBILE"):
                instructions.setdefault("deeplink_url", action["url"])
            elif action.get("url") and kind == "WEB":
                instructions.setdefault("redirect_url", action["url"])
        return Charge(answer["id"], instructions, request.expires_at)

    def _invoice(self, request: ChargeRequest) -> Charge:
        seconds = (request.expires_at - timezone.now()).total_seconds() \
            if request.expires_at else 86400
        data = {"external_id": request.reference, "amount": float(request.amount),
                "currency": "IDR", "invoice_duration": float(max(60, int(seconds)))}
        if request.customer.get("email"):
            data["payer_email"] = request.customer["email"]
        if request.return_url:
            data["success_redirect_url"] = request.return_url
        answer = self._call(InvoiceApi(self.client).create_invoice,
                            create_invoice_request=self._model(CreateInvoiceRequest, data))
        return Charge(INVOICE_PREFIX + answer.id, {"redirect_url": answer.invoice_url},
                      request.expires_at)

    def fetch_status(self, reference, provider_reference) -> ChargeStatus:
        if provider_reference.startswith(INVOICE_PREFIX):
            invoice = self._call(InvoiceApi(self.client).get_invoice_by_id,
                                 provider_reference[len(INVOICE_PREFIX):]).to_dict()
            state = STATES.get(_value(invoice.get("status")), AttemptState.PENDING)
            paid = int(invoice.get("paid_amount") or invoice.get("amount") or 0) \
                if state == AttemptState.PAID else 0
            return ChargeStatus(state, paid, 0, {})
        answer = self._call(PaymentRequestApi(self.client).get_payment_request_by_id,
                            provider_reference).to_dict()
        state = STATES.get(_value(answer.get("status")), AttemptState.PENDING)
        paid = int(answer.get("amount") or 0) if state == AttemptState.PAID else 0
        return ChargeStatus(state, paid, 0, {})

    def refund(self, reference, provider_reference, amount, *, key, reason=""):
        data = {"amount": float(amount), "reason": "REQUESTED_BY_CUSTOMER",
                "reference_id": key[:64]}
        if provider_reference.startswith(INVOICE_PREFIX):
            data["invoice_id"] = provider_reference[len(INVOICE_PREFIX):]
        else:
            data["payment_request_id"] = provider_reference
        answer = self._call(RefundApi(self.client).create_refund, idempotency_key=key,
                            create_refund=self._model(CreateRefund, data))
        return str(answer.id)

    def verify_webhook(self, body: bytes, headers) -> Notice:
        token = headers.get("x-callback-token", "")
        if not self.callback_token or not hmac.compare_digest(token, self.callback_token):
            raise BadSignature()
        try:
            payload = json.loads(body)
        except ValueError:
            raise BadSignature() from None
        data = payload.get("data") if isinstance(payload.get("data"), dict) else payload
        reference = str(data.get("reference_id") or data.get("external_id") or "")
        event_id = headers.get("webhook-id") or ":".join(str(x) for x in (
            payload.get("event", "invoice"), data.get("id", ""), data.get("status", "")))
        return Notice(event_id, reference, payload)

"""The cooperative's own printed QRIS: no gateway and no fee. The shopper sees it with the
exact amount put in; a staff member confirms the money arrived (the bank's app or mutation
list), so nothing here can tell a state, refund, or receive a notification."""

from .. import qris
from ..models import AttemptState, Method
from .base import (
    BadSignature,
    Charge,
    ChargeRequest,
    ChargeStatus,
    ManualRefundOnly,
    PaymentProvider,
)


class StaticQrisProvider(PaymentProvider):
    name = "static_qris"
    methods = frozenset({Method.STATIC_QRIS})

    def __init__(self, payload: str):
        self.payload = payload

    def create_charge(self, request: ChargeRequest) -> Charge:
        return Charge("", {"qr_string": qris.with_amount(self.payload, request.amount),
                           "merchant_name": qris.merchant_name(self.payload)},
                      request.expires_at)

    def fetch_status(self, reference, provider_reference) -> ChargeStatus:
        return ChargeStatus(AttemptState.PENDING)

    def refund(self, reference, provider_reference, amount, *, key, reason=""):
        raise ManualRefundOnly(self.name)

    def verify_webhook(self, body, headers):
        raise BadSignature()

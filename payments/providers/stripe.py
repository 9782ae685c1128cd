"""Card payments through Stripe PaymentIntents (moved here from orders/gateways.py). The
deployment's account (STRIPE_SECRET_KEY), for deployments outside Indonesia or with an
existing Stripe account. The storefront confirms the card with the client secret."""

import json

from django.conf import settings

from ..models import AttemptState, Method
from .base import (
    BadSignature,
    Charge,
    ChargeRequest,
    ChargeStatus,
    GatewayUnavailable,
    Notice,
    PaymentProvider,
)

# Stripe's API treats IDR as a two-decimal currency: Rp1 is 100 there. Only here.
STRIPE_IDR_FACTOR = 100


class StripeProvider(PaymentProvider):
    name = "stripe"
    methods = frozenset({Method.CARD})
    refundable_methods = methods

    def __init__(self):
        import stripe

        options = {"max_network_retries": 0 if settings.STRIPE_API_BASE else 2}
        if settings.STRIPE_API_BASE:
            options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
        self.stripe = stripe
        self.client = stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except self.stripe.CardError as error:
            raise GatewayUnavailable(error.user_message or "", declined=True) from None
        except self.stripe.StripeError as error:
            raise GatewayUnavailable(str(error)[:300]) from None

    def create_charge(self, request: ChargeRequest) -> Charge:
        intent = self._call(self.client.v1.payment_intents.create, {
            "amount": request.amount * STRIPE_IDR_FACTOR, "currency": "idr",
            "metadata": {"cooperative": request.customer.get("cooperative", ""),
                         "checkout": request.reference}})
        return Charge(intent.id, {"client_secret": intent.client_secret})

    def cancel(self, reference, provider_reference):
        try:
            self.client.v1.payment_intents.cancel(provider_reference)
        except self.stripe.StripeError:
            pass

    def fetch_status(self, reference, provider_reference) -> ChargeStatus:
        intent = self._call(self.client.v1.payment_intents.retrieve,
                            provider_reference).to_dict()
        charge = intent.get("latest_charge")
        if isinstance(charge, str):
            charge = self._call(self.client.v1.charges.retrieve, charge).to_dict()
        refunded = (charge or {}).get("amount_refunded", 0) // STRIPE_IDR_FACTOR
        error = (intent.get("last_payment_error") or {}).get("message", "")
        state = {"succeeded": AttemptState.PAID,
                 "canceled": AttemptState.CANCELLED}.get(intent["status"], AttemptState.PENDING)
        paid = intent["amount"] // STRIPE_IDR_FACTOR if state == AttemptState.PAID else 0
        return ChargeStatus(state, paid, refunded, {"error": error[:255]})

    def refund(self, reference, provider_reference, amount, *, key, reason=""):
        refund = self._call(self.client.v1.refunds.create, {
            "payment_intent": provider_reference, "amount": amount * STRIPE_IDR_FACTOR},
            {"idempotency_key": f"coopmart-{key}"})
        return refund.id

    def verify_webhook(self, body: bytes, headers) -> Notice:
        try:
            event = self.stripe.Webhook.construct_event(
                body, headers.get("Stripe-Signature", ""), settings.STRIPE_WEBHOOK_SECRET)
        except (ValueError, self.stripe.SignatureVerificationError):
            raise BadSignature() from None
        data = (json.loads(body).get("data") or {}).get("object") or {}
        intent_id = data.get("payment_intent") if data.get("object") != "payment_intent" \
            else data.get("id")
        return Notice(event.id, intent_id or "", {"type": event.type})

"""Payment gateways behind one interface. A gateway starts a payment, tells its state, and
refunds. Cash and transfers are taken by people: their refunds are handed back by hand and
only recorded here."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from orders.error_codes import PaymentErrorCode

from .models import Payment, PaymentMethod, PaymentStatus

# Stripe's API treats IDR as a two-decimal currency: Rp1 is 100 there. Only here.
STRIPE_IDR_FACTOR = 100


@dataclass(frozen=True)
class GatewayState:
    status: str
    refunded: int = 0
    error: str = ""


class GatewayUnavailable(ValidationError):
    def __init__(self):
        super().__init__({"payment": ValidationError(
            _("The payment service cannot be reached; try again in a moment."),
            code=PaymentErrorCode.GATEWAY_ERROR)})


class OfflineGateway:
    """Pay at pickup, cash on delivery, bank transfer: staff confirm the money."""

    def start(self, payment: Payment) -> None:
        return None

    def state(self, payment: Payment) -> GatewayState:
        return GatewayState(payment.status, payment.refunded_amount, payment.error)

    def refund(self, payment: Payment | None, amount: int, *, key: str) -> str:
        return ""

    def cancel(self, payment: Payment) -> None:
        return None


class StripeGateway:
    """Card payments with PaymentIntents. The storefront confirms the card with the client
    secret; webhooks and `state` tell us what happened."""

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
            raise ValidationError({"payment": ValidationError(
                error.user_message or _("The card was declined."),
                code=PaymentErrorCode.PAYMENT_DECLINED)
            }) from None
        except self.stripe.StripeError:
            raise GatewayUnavailable() from None

    def start(self, payment: Payment) -> None:
        intent = self._call(self.client.v1.payment_intents.create, {
            "amount": payment.amount * STRIPE_IDR_FACTOR, "currency": "idr",
            "metadata": {"cooperative": str(payment.cooperative_id),
                         "checkout": str(payment.checkout_token)},
        })
        payment.psp_reference, payment.client_secret = intent.id, intent.client_secret

    def cancel(self, payment: Payment) -> None:
        """An attempt replaced by another: it can no longer be paid (if it was paid just now,
        the sync that sees it refunds it)."""
        try:
            self.client.v1.payment_intents.cancel(payment.psp_reference)
        except self.stripe.StripeError:
            pass

    def state(self, payment: Payment) -> GatewayState:
        intent = self._call(self.client.v1.payment_intents.retrieve,
                            payment.psp_reference).to_dict()
        charge = intent.get("latest_charge")
        if isinstance(charge, str):
            charge = self._call(self.client.v1.charges.retrieve, charge).to_dict()
        refunded = (charge or {}).get("amount_refunded", 0) // STRIPE_IDR_FACTOR
        error = (intent.get("last_payment_error") or {}).get("message", "")
        status = {"succeeded": PaymentStatus.SUCCEEDED,
                  "canceled": PaymentStatus.CANCELLED}.get(intent["status"])
        if status is None:
            status = PaymentStatus.FAILED if error else PaymentStatus.PENDING
        return GatewayState(status, refunded, error[:255])

    def refund(self, payment: Payment | None, amount: int, *, key: str) -> str:
        refund = self._call(self.client.v1.refunds.create, {
            "payment_intent": payment.psp_reference, "amount": amount * STRIPE_IDR_FACTOR},
            {"idempotency_key": f"coopmart-{key}"})
        return refund.id


def gateway_for(method: str):
    return StripeGateway() if method == PaymentMethod.CARD else OfflineGateway()

"""How the order's card payments reach the money: through the payments domain's services
(the Stripe provider lives in payments/providers/stripe.py). Cash and transfers are taken by
people: their refunds are handed back by hand and only recorded here."""

from dataclasses import dataclass

from payments import services as payments
from payments.models import AttemptState

from .models import Payment, PaymentMethod, PaymentStatus


@dataclass(frozen=True)
class GatewayState:
    status: str
    refunded: int = 0
    error: str = ""


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


class CardGateway:
    """Card payments: started for the checkout's total, told by Stripe through payments."""

    def start(self, payment: Payment) -> None:
        charge = payments.card_charge_start(payment.cooperative, str(payment.checkout_token),
                                            payment.amount)
        payment.psp_reference = charge.provider_reference
        payment.client_secret = charge.instructions["client_secret"]

    def cancel(self, payment: Payment) -> None:
        """An attempt replaced by another: it can no longer be paid (if it was paid just now,
        the sync that sees it refunds it)."""
        payments.card_charge_cancel(payment.psp_reference)

    def state(self, payment: Payment) -> GatewayState:
        answer = payments.card_charge_status(payment.psp_reference)
        error = answer.raw.get("error", "")
        status = {AttemptState.PAID: PaymentStatus.SUCCEEDED,
                  AttemptState.CANCELLED: PaymentStatus.CANCELLED}.get(answer.state)
        if status is None:
            status = PaymentStatus.FAILED if error else PaymentStatus.PENDING
        return GatewayState(status, answer.refunded, error)

    def refund(self, payment: Payment | None, amount: int, *, key: str) -> str:
        return payments.card_refund(payment.psp_reference, amount, key=key)


def gateway_for(method: str):
    return CardGateway() if method == PaymentMethod.CARD else OfflineGateway()

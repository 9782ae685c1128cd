"""Taking the money: a payment is started for a checkout's total, linked to the order when it
is placed, and kept in step with the gateway (webhooks may come twice, late, or out of
order: each one only makes us ask the gateway for the payment's state now)."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from orders.error_codes import CheckoutErrorCode, PaymentErrorCode

from ..gateways import gateway_for
from ..models import (
    Checkout,
    Order,
    OrderStatus,
    Payment,
    PaymentMethod,
    PaymentStatus,
    WebhookEvent,
)
from .events import order_event
from .totals import checkout_totals, payment_method_check

logger = logging.getLogger(__name__)


def _error(field, message, code) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


@transaction.atomic
def checkout_payment_create(checkout: Checkout, method: str) -> Payment | None:
    """Choose how to pay. For a card this starts a PaymentIntent for the cart's total now
    (asked again after the total changed, it follows the new total); the storefront gets its
    client secret. Other ways need nothing from a gateway."""
    checkout = Checkout.objects.select_for_update(of=("self",)).select_related(
        "cooperative", "user", "voucher").get(pk=checkout.pk)
    if method not in PaymentMethod.values:
        raise _error("method", _("Choose how to pay."), CommonErrorCode.INVALID)
    payment_method_check(checkout, method)
    checkout.payment_method = method
    checkout.save(update_fields=["payment_method", "updated_at"])
    if method != PaymentMethod.CARD:
        return None
    total = checkout_totals(checkout).total
    if total <= 0:
        raise _error("lines", _("The cart is empty."), CheckoutErrorCode.EMPTY_CHECKOUT)
    payments = Payment.objects.select_for_update().filter(checkout_token=checkout.token,
                                                          method=method)
    if payments.filter(status=PaymentStatus.SUCCEEDED).exclude(amount=total).exists():
        raise _error("payment", _("This cart was paid for another total; contact the "
                                  "cooperative."), PaymentErrorCode.PAYMENT_AMOUNT_CHANGED)
    # A declined attempt for the same total is tried again with another card (Stripe lets
    # the same PaymentIntent be confirmed again).
    current = payments.filter(status__in=[PaymentStatus.PENDING, PaymentStatus.SUCCEEDED,
                                          PaymentStatus.FAILED], amount=total).first()
    if current is not None:
        return current
    gateway = gateway_for(method)
    for superseded in payments.filter(status__in=[PaymentStatus.PENDING, PaymentStatus.FAILED]):
        gateway.cancel(superseded)
        superseded.status = PaymentStatus.CANCELLED
        superseded.save(update_fields=["status", "updated_at"])
    payment = Payment(cooperative=checkout.cooperative, checkout_token=checkout.token,
                      method=method, amount=total)
    gateway.start(payment)
    payment.save()
    return payment


def card_payment_taken(checkout: Checkout) -> bool:
    return Payment.objects.filter(checkout_token=checkout.token,
                                  status=PaymentStatus.SUCCEEDED).exists()


def payment_for_checkout(checkout: Checkout, total: int) -> Payment:
    """The card payment that pays this checkout's total (at completion)."""
    payment = Payment.objects.filter(
        checkout_token=checkout.token, method=PaymentMethod.CARD,
        status__in=[PaymentStatus.PENDING, PaymentStatus.SUCCEEDED, PaymentStatus.FAILED]
    ).order_by("-pk").first()
    if payment is None:
        raise _error("payment", _("Start the card payment first."),
                     PaymentErrorCode.PAYMENT_REQUIRED)
    if payment.amount != total:
        raise _error("payment", _("The total changed since the payment was started; start it "
                                  "again."), PaymentErrorCode.PAYMENT_AMOUNT_CHANGED)
    return payment


def payment_link_order(payment: Payment, order: Order) -> None:
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    payment.order = order
    payment.save(update_fields=["order", "updated_at"])
    if payment.status == PaymentStatus.SUCCEEDED:
        _order_paid_by(payment)


def _order_paid_by(payment: Payment) -> None:
    from .lifecycle import order_paid

    order = Order.objects.select_for_update().get(pk=payment.order_id)
    if order.status == OrderStatus.UNPAID:
        order_paid(order, None, _("Paid by card."))
    elif order.status == OrderStatus.CANCELLED:
        # Paid after it was cancelled (too late, or cancelled meanwhile): the money goes back.
        reference = gateway_for(payment.method).refund(payment, payment.amount,
                                                       key=f"late-{payment.pk}")
        payment.refunded_amount = payment.amount
        payment.save(update_fields=["refunded_amount", "updated_at"])
        order_event(order, "payment_returned", None,
                    _("Paid after cancellation; refunded (%(ref)s).") % {"ref": reference})


@transaction.atomic
def payment_sync(payment: Payment) -> Payment:
    """Bring a payment in step with its gateway. States only move forward: a late 'failed'
    never undoes 'succeeded'."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    state = gateway_for(payment.method).state(payment)
    if state.status == PaymentStatus.SUCCEEDED and _orphaned(payment):
        _give_back(payment, state)
        return payment
    fields = []
    if state.status == PaymentStatus.SUCCEEDED and payment.status != PaymentStatus.SUCCEEDED:
        payment.status, payment.error = PaymentStatus.SUCCEEDED, ""
        fields += ["status", "error"]
    elif state.status in (PaymentStatus.FAILED, PaymentStatus.CANCELLED) and \
            payment.status == PaymentStatus.PENDING:
        payment.status, payment.error = state.status, state.error
        fields += ["status", "error"]
    elif state.status == PaymentStatus.PENDING and payment.status == PaymentStatus.FAILED:
        payment.status = PaymentStatus.PENDING  # the shopper tries another card
        fields.append("status")
    if state.refunded > payment.refunded_amount:
        payment.refunded_amount = state.refunded
        fields.append("refunded_amount")
    if not fields:
        return payment
    payment.save(update_fields=[*fields, "updated_at"])
    if payment.order_id and "status" in fields:
        if payment.status == PaymentStatus.SUCCEEDED:
            _order_paid_by(payment)
        elif payment.status == PaymentStatus.FAILED:
            order_event(payment.order, "payment_failed", None, payment.error or
                        _("The card payment failed."))
    return payment


def _orphaned(payment: Payment) -> bool:
    """Paid for an attempt that was replaced, or for a cart that became an order paid
    another way: no order will ever take this money."""
    if payment.status == PaymentStatus.CANCELLED:
        return True
    return payment.order_id is None and not Checkout.objects.filter(
        token=payment.checkout_token).exists()


def _give_back(payment: Payment, state) -> None:
    left = payment.amount - max(payment.refunded_amount, state.refunded)
    if left > 0:
        gateway_for(payment.method).refund(payment, left, key=f"orphan-{payment.pk}")
        logger.warning("Card payment %s paid no order; refunded %s", payment.pk, left)
    payment.refunded_amount = payment.amount
    payment.save(update_fields=["refunded_amount", "updated_at"])


def stripe_webhook_handle(payload: bytes, signature: str) -> str:
    """Verify a Stripe event (payments checks the signature) and apply it once. Raises
    BadSignature for a forged or broken request; a gateway that cannot be reached raises, so
    Stripe sends the event again."""
    from payments.services import card_notice_verify

    notice = card_notice_verify(payload, {"Stripe-Signature": signature})
    with transaction.atomic():
        try:
            with transaction.atomic():
                WebhookEvent.objects.create(provider="stripe", event_id=notice.event_id,
                                            kind=notice.payload.get("type", ""))
        except IntegrityError:
            return "duplicate"
        payment = Payment.objects.filter(psp_reference=notice.reference or "-").first()
        if payment is None:
            logger.info("Stripe event %s for an unknown payment %s", notice.event_id,
                        notice.reference)
            return "ignored"
        payment_sync(payment)
    return "applied"

"""Orders paid online (QRIS, virtual account, e-wallet, the cooperative's printed QRIS): the
order asks payments to start an attempt for what is left to pay, and payments tells the
order through `OrderPayable` (registered in OrdersConfig.ready) when the money is in or the
attempt expired."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from payments.hooks import PayableHandler
from payments.models import HeldReason, Method
from payments.selectors import attempt_pending_exists
from payments.services import payment_attempt_create

from ..models import PAYABLE_KIND, Order, OrderStatus, PaymentMethod
from .events import order_event
from .lifecycle import _status_error, order_cancel, order_paid


@transaction.atomic
def order_payment_start(order: Order, method: str, *, return_url: str = ""):
    """The shopper chose QRIS, a bank's virtual account or an e-wallet for an unpaid order."""
    order = Order.objects.select_for_update().select_related("cooperative").get(pk=order.pk)
    if order.status != OrderStatus.UNPAID or order.payment_method != PaymentMethod.ONLINE:
        raise _status_error(order)
    attempt = payment_attempt_create(
        order.cooperative, payable_kind=PAYABLE_KIND, payable_id=order.pk, amount=order.total,
        method=method, customer={"name": order.recipient_name, "email": order.email,
                                 "phone": order.phone},
        description=order.number, return_url=return_url)
    return attempt


class OrderPayable(PayableHandler):
    def paid(self, attempt) -> str:
        order = Order.objects.select_for_update().get(pk=attempt.payable_id)
        if attempt.amount - attempt.fee != order.total:
            return HeldReason.AMOUNT_MISMATCH
        if order.status == OrderStatus.CANCELLED:
            order_event(order, "payment_held", None,
                        _("Paid after the order was cancelled: held for a refund."))
            return HeldReason.LATE
        if order.status != OrderStatus.UNPAID:
            return HeldReason.ALREADY_PAID
        order_paid(order, attempt.confirmed_by, _("Paid by %(method)s (%(ref)s).") % {
            "method": Method(attempt.method).label, "ref": attempt.reference})
        return ""

    def expired(self, attempt) -> None:
        """No attempt left open: the order is cancelled and its units go back on sale."""
        if attempt_pending_exists(PAYABLE_KIND, attempt.payable_id):
            return
        order = Order.objects.get(pk=attempt.payable_id)
        if order.status != OrderStatus.UNPAID:
            return
        try:
            order_cancel(order, None, _("The payment expired."))
        except ValidationError:
            pass  # paid or cancelled meanwhile

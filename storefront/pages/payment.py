"""The payment step of an order paid online: choose QRIS, a bank's virtual account or an
e-wallet, then see what to scan, the number to pay with its steps, or the button that opens
the app; the page refreshes itself when the money lands ("Cek lagi" works without
JavaScript). Every change goes through the orders and payments services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from backend.money import format_rupiah
from backend.pages import error_text
from orders.models import OrderStatus, PaymentMethod
from orders.selectors import order_for_shopper, order_online_payment
from orders.services.online_payments import order_payment_start
from payments import qris
from payments.instructions import va_steps
from payments.models import EWALLET_METHODS, QR_METHODS, VA_METHODS, AttemptState, Method
from payments.providers import GatewayUnavailable
from payments.selectors import method_fees, methods_offered
from payments.services import payment_attempt_sync

from ..shop import shop_page, shop_url

GROUPS = ((gettext_lazy("QRIS: any bank or e-wallet app"), (Method.QRIS, Method.STATIC_QRIS)),
          (gettext_lazy("Virtual account"), tuple(sorted(VA_METHODS))),
          (gettext_lazy("E-wallet"), tuple(sorted(EWALLET_METHODS))),
          (gettext_lazy("Other ways"), (Method.HOSTED,)))


def order_or_404(request, cooperative, token):
    """The order a cart became, if the asker may see it (the API's rule too)."""
    order = order_for_shopper(cooperative, request.user, token=token)
    if order is None:
        raise Http404
    return order


def online_payment_context(request, order) -> dict:
    """What the order page shows of an online payment ({} for other orders)."""
    if order.payment_method != PaymentMethod.ONLINE:
        return {}
    attempt = order_online_payment(order)
    if attempt is not None and attempt.state == AttemptState.PENDING and \
            request.GET.get("periksa"):
        try:  # "Cek lagi": ask the gateway now, the notification may lag
            attempt = payment_attempt_sync(attempt)
            order.refresh_from_db()
        except GatewayUnavailable:
            messages.warning(request, _("The payment service cannot be reached; try again "
                                        "in a moment."))
    unpaid = order.status == OrderStatus.UNPAID
    pending = attempt if attempt is not None and attempt.state == AttemptState.PENDING \
        else None
    offered = set(methods_offered(order.cooperative)) if unpaid else set()
    fees = method_fees(order.cooperative, order.total) if offered else {}
    shown = pending.instructions if pending else {}
    return {"online": {
        "attempt": attempt, "pending": pending and unpaid and pending,
        "held": attempt is not None and attempt.state == AttemptState.HELD,
        "qr_svg": qris.qr_svg(shown["qr_string"]) if shown.get("qr_string") else "",
        "is_qr": pending is not None and pending.method in QR_METHODS,
        "steps": va_steps(shown, pending.amount, order.cooperative.name) if pending else [],
        "choices": [(title, [(m, _label(m, fees)) for m in methods if m in offered])
                    for title, methods in GROUPS if offered & set(methods)],
    }}


def _label(method: str, fees: dict) -> str:
    label = str(Method(method).label)
    if fees.get(method):
        return _("%(method)s (fee %(fee)s)") % {"method": label,
                                                "fee": format_rupiah(fees[method])}
    return label


@require_POST
@shop_page
def order_pay(request, cooperative, token):
    order = order_or_404(request, cooperative, token)
    try:
        order_payment_start(order, request.POST.get("method", ""),
                            return_url=request.build_absolute_uri(
                                shop_url(request, "order", order.checkout_token)))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect(shop_url(request, "order", order.checkout_token))


@require_GET
@shop_page
def order_payment_state(request, cooperative, token):
    """For the page's script: has anything changed? (the page reloads when it has)."""
    order = order_or_404(request, cooperative, token)
    attempt = order_online_payment(order)
    return JsonResponse({"status": order.status, "payment": attempt.state if attempt else ""},
                        headers={"Cache-Control": "no-store"})

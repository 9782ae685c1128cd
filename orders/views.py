from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from backend.accounts.permissions import Permission
from backend.accounts.selectors import has_permission

from .models import Order


@login_required
def payment_proof(request, order_id: int):
    """A transfer receipt, for the cooperative's staff and the shopper who sent it."""
    order = get_object_or_404(Order, pk=order_id)
    staff = has_permission(request.user, order.cooperative_id, Permission.HANDLE_SALES)
    if not (staff or order.user_id == request.user.pk):
        raise PermissionDenied
    if not order.payment_proof:
        raise Http404
    response = FileResponse(order.payment_proof.open("rb"))
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events, verified by signature; each applied once. A 500 (the gateway could not
    be asked) makes Stripe send the event again later."""
    from payments.providers import BadSignature

    from .services.payments import stripe_webhook_handle

    try:
        outcome = stripe_webhook_handle(request.body,
                                        request.headers.get("Stripe-Signature", ""))
    except BadSignature:
        return HttpResponseBadRequest("bad signature")
    return HttpResponse(outcome)

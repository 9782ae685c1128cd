from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

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

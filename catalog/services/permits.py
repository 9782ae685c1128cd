"""Halal certificates and food permits (P-IRT, BPOM MD) run out: warn ahead, hide after."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from backend.accounts.permissions import Permission
from messaging.services import message_send, staff_notify

from .. import search
from ..models import ModerationAction, PermitNotice, Product, Seller
from ..selectors import PERMIT_FIELDS, PERMIT_WARNING_DAYS
from .common import record


def _notify_once(seller: Seller, permit: str, expires: datetime.date, expired: bool) -> bool:
    """Tell the seller (WhatsApp, SMS or e-mail) and the managers who approve sellers, once
    per permit, date and stage."""
    try:
        with transaction.atomic():
            PermitNotice.objects.create(cooperative=seller.cooperative, seller=seller,
                                        permit=permit, expires=expires, expired=expired)
    except IntegrityError:
        return False  # already told
    template = f"permit_{'halal' if permit == 'halal' else 'food'}_" \
               f"{'expired' if expired else 'expiring'}"
    variables = {"business": seller.business_name, "date": date_format(expires, "j F Y")}
    message_send(seller.cooperative, template, variables, phone=seller.phone or "",
                 email=seller.email or getattr(seller.owner, "email", None) or "")
    staff_notify(seller.cooperative, Permission.MANAGE_SELLERS, template, variables)
    return True


def hide_food_if_permit_expired(seller: Seller, today: datetime.date) -> int:
    expires = seller.food_permit_expires
    if expires is None or expires >= today:
        return 0
    hidden = Product.objects.filter(seller=seller, is_food=True, hidden_for_permit=False)
    count = 0
    for product in hidden:
        record(seller.cooperative, ModerationAction.PRODUCT_HIDDEN, None, seller=seller,
               product=product, reason=f"food permit expired on {expires.isoformat()}")
        count += 1
    hidden.update(hidden_for_permit=True)
    search.seller_changed(seller, texts=False)
    return count


def show_food_again_if_permit_renewed(seller: Seller) -> int:
    expires = seller.food_permit_expires
    if expires is not None and expires < timezone.localdate():
        return 0
    shown = Product.objects.filter(seller=seller, hidden_for_permit=True).update(
        hidden_for_permit=False)
    if shown:
        search.seller_changed(seller, texts=False)
    return shown


def permits_check(today: datetime.date | None = None) -> dict:
    """Daily: warn within 30 days of expiry, and on expiry hide the seller's food products.
    Each seller is handled in its own transaction, under a lock, against its current row."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=PERMIT_WARNING_DAYS)
    counts = {"warned": 0, "expired": 0, "hidden": 0}
    for permit, field in PERMIT_FIELDS.items():
        due = Seller.objects.filter(**{f"{field}__isnull": False, f"{field}__lte": horizon})
        for seller_id in due.values_list("pk", flat=True):
            with transaction.atomic():
                seller = Seller.objects.select_for_update(of=("self",)).select_related(
                    "cooperative", "owner").get(pk=seller_id)
                expires = getattr(seller, field)
                if expires is None or expires > horizon:
                    continue  # renewed since the list was read
                expired = expires < today
                if _notify_once(seller, permit, expires, expired):
                    counts["expired" if expired else "warned"] += 1
                if permit == "food":
                    counts["hidden"] += hide_food_if_permit_expired(seller, today)
    return counts

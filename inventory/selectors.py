"""Reads of stock that other domains use: how many units shoppers can still buy."""

from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, Now

from .models import Reservation, Stock


def free_units_of_products():
    """An expression for a Product queryset: units shoppers can still buy across active
    places (on hand - allocated - held for checkouts)."""
    on_shelves = Stock.objects.filter(
        variant__product=OuterRef("pk"), location__is_active=True).values(
        "variant__product").annotate(total=Sum(F("on_hand") - F("allocated"))).values("total")
    held = Reservation.objects.filter(
        stock__variant__product=OuterRef("pk"), stock__location__is_active=True,
        expires_at__gt=Now()).values("stock__variant__product").annotate(
        total=Sum("quantity")).values("total")
    return Coalesce(Subquery(on_shelves), 0) - Coalesce(Subquery(held), 0)


def free_units_of_variants():
    """The same, for a ProductVariant queryset."""
    on_shelves = Stock.objects.filter(variant=OuterRef("pk"), location__is_active=True).values(
        "variant").annotate(total=Sum(F("on_hand") - F("allocated"))).values("total")
    held = Reservation.objects.filter(
        stock__variant=OuterRef("pk"), stock__location__is_active=True,
        expires_at__gt=Now()).values("stock__variant").annotate(
        total=Sum("quantity")).values("total")
    return Coalesce(Subquery(on_shelves), 0) - Coalesce(Subquery(held), 0)

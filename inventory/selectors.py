"""Reads of stock that other domains use: how many units shoppers can still buy."""

from django.db.models import F, OuterRef, Q, Subquery, Sum
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


def products_in_stock(cooperative_id: int):
    """Ids of the cooperative's products with units shoppers can still buy (the same sum as
    free_units_of_products), worked out over its stock rows at once: filtering a listing by
    it reads the stock table once instead of two subqueries per product (10,000 products)."""
    held = Reservation.objects.filter(stock=OuterRef("pk"), expires_at__gt=Now()).values(
        "stock").annotate(total=Sum("quantity")).values("total")
    return Stock.objects.filter(cooperative_id=cooperative_id, location__is_active=True).values(
        "variant__product").annotate(free=Sum(
            F("on_hand") - F("allocated") - Coalesce(Subquery(held), 0))).filter(
        free__gt=0).values("variant__product")


def free_units_of_variants():
    """The same, for a ProductVariant queryset."""
    on_shelves = Stock.objects.filter(variant=OuterRef("pk"), location__is_active=True).values(
        "variant").annotate(total=Sum(F("on_hand") - F("allocated"))).values("total")
    held = Reservation.objects.filter(
        stock__variant=OuterRef("pk"), stock__location__is_active=True,
        expires_at__gt=Now()).values("stock__variant").annotate(
        total=Sum("quantity")).values("total")
    return Coalesce(Subquery(on_shelves), 0) - Coalesce(Subquery(held), 0)


def free_units_of_stock():
    """The same, for a Stock queryset: units of one variant at one place."""
    held = Reservation.objects.filter(stock=OuterRef("pk"), expires_at__gt=Now()).values(
        "stock").annotate(total=Sum("quantity")).values("total")
    return F("on_hand") - F("allocated") - Coalesce(Subquery(held), 0)


def units_available_by_store(variant_ids) -> dict[int, dict[int, int]]:
    """Units shoppers can still buy of each variant at each active place:
    {location_id: {variant_id: units}} (never summed across sizes: 75 packs of 250 g and 67
    of 500 g are not "142 left")."""
    rows = Stock.objects.filter(variant_id__in=variant_ids, location__is_active=True).annotate(
        free=free_units_of_stock()).values_list("location_id", "variant_id", "free")
    found: dict[int, dict[int, int]] = {}
    for location_id, variant_id, free in rows:
        found.setdefault(location_id, {})[variant_id] = max(0, free)
    return found


def stock_discrepancies(cooperative):
    """Stocks the books say are short (on hand below zero, or below what orders were
    promised) after counter sales: the manager counts the shelf."""
    return Stock.objects.of(cooperative).filter(
        Q(on_hand__lt=0) | Q(on_hand__lt=F("allocated"))).select_related(
        "variant__product", "location").order_by("location__name", "variant__sku")

"""Reorder suggestions per place: what runs low before the next delivery could arrive, how
much to order (rounded up to packs and the minimum order, never more than sells before it
expires), from whom, at what cost; and purchase orders made from the ones a manager picks.

For a variant at a place, with d = average units sold a day over the window:
    position      = on hand - allocated + incoming (open purchase orders)
    reorder point = the manager's reorder point, else the minimum, else d x (lead + safety)
    target        = the manager's maximum, else d x (lead + safety + cover days)
    order when position <= reorder point: target - position, capped at d x shelf life -
    position for items with an expiry date, rounded up to whole packs (at least the
    supplier's minimum order)."""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from catalog.models import ProductVariant
from inventory.models import MovementKind, Stock, StockMovement

from ..models import (
    OPEN_STATUSES,
    PurchaseOrderLine,
    ReorderRule,
    Sourcing,
    Supplier,
    SupplierItem,
    VariantSupply,
)
from .purchasing import purchase_order_create
from .settings import settings_of


@dataclass
class ReorderSuggestion:
    variant_id: int
    on_hand: int
    allocated: int
    incoming: int
    average_daily_sales: float
    lead_time_days: int
    safety_stock_days: int
    reorder_point: int
    target: int
    packs: int
    pack_size: int
    quantity: int
    supplier_id: int | None
    supplier_item_id: int | None
    expected_cost: int | None
    limited_by_shelf_life: bool
    supplier_short: bool  # the chosen supplier's feed shows fewer units than suggested


@dataclass
class _Offer:
    item_id: int
    supplier_id: int
    lead_time: int
    pack_size: int
    cost_per_pack: int
    min_packs: int
    available: int | None
    preferred: bool

    @property
    def unit_cost(self) -> float:
        return self.cost_per_pack / self.pack_size


def _offers(cooperative, variant_ids=None) -> dict[int, list[_Offer]]:
    items = SupplierItem.objects.of(cooperative).filter(
        is_active=True, supplier__is_active=True, variant__isnull=False)
    if variant_ids is not None:
        items = items.filter(variant_id__in=variant_ids)
    offers: dict[int, list[_Offer]] = defaultdict(list)
    for row in items.values_list("variant_id", "pk", "supplier_id", "supplier__lead_time_days",
                                 "pack_size", "cost_per_pack", "min_order_packs",
                                 "available_quantity", "preferred").iterator(chunk_size=5000):
        offers[row[0]].append(_Offer(*row[1:]))
    return offers


def reorder_suggestions(cooperative, location, *, variant_ids=None, now=None
                        ) -> list[ReorderSuggestion]:
    config = settings_of(cooperative)
    now = now or timezone.now()
    window = max(1, config.sales_window_days)

    def scoped(queryset, field="variant_id"):
        return queryset if variant_ids is None else queryset.filter(
            **{f"{field}__in": variant_ids})

    stocks = {v: (on_hand, allocated) for v, on_hand, allocated in scoped(
        Stock.objects.filter(location=location)).values_list(
        "variant_id", "on_hand", "allocated").iterator(chunk_size=5000)}
    rules = {r.variant_id: r for r in scoped(ReorderRule.objects.filter(location=location))}
    incoming = dict(scoped(PurchaseOrderLine.objects.filter(
        order__location=location, order__status__in=OPEN_STATUSES)).values(
        "variant_id").annotate(units=Sum(F("packs") * F("pack_size") - F("received_quantity")
                                         - F("damaged_quantity"))).values_list(
        "variant_id", "units"))
    sold = dict(scoped(StockMovement.objects.filter(
        stock__location=location, kind=MovementKind.SALE,
        created_at__gte=now - timedelta(days=window)), "stock__variant_id").values(
        "stock__variant_id").annotate(units=Sum("quantity")).values_list(
        "stock__variant_id", "units"))
    not_ordered = set(VariantSupply.objects.of(cooperative).filter(
        sourcing=Sourcing.DROP_SHIP).values_list("variant_id", flat=True))
    shelf_life = {v: days for v, tracks, days in scoped(
        ProductVariant.objects.of(cooperative), "pk").filter(
        product__tracks_expiry=True, product__shelf_life_days__isnull=False).values_list(
        "pk", "product__tracks_expiry", "product__shelf_life_days")}
    offers = _offers(cooperative, variant_ids)
    suggestions = []
    for variant_id in sorted((set(stocks) | set(rules)) - not_ordered):
        on_hand, allocated = stocks.get(variant_id, (0, 0))
        daily = -(sold.get(variant_id) or 0) / window
        suggestion = _suggest(variant_id, on_hand, allocated, incoming.get(variant_id) or 0,
                              daily, rules.get(variant_id), config,
                              offers.get(variant_id, []), shelf_life.get(variant_id))
        if suggestion is not None:
            suggestions.append(suggestion)
    return suggestions


REORDER_LIST_MAX = 1000


@dataclass
class ReorderRow:
    suggestion: ReorderSuggestion
    variant: ProductVariant
    supplier: Supplier | None
    supplier_item: SupplierItem | None


def _urgency(s: ReorderSuggestion) -> float:
    """Days until the shelf runs dry at the current pace: fewest first."""
    return (s.on_hand - s.allocated + s.incoming) / max(s.average_daily_sales, 0.01)


def reorder_list(cooperative, location, *, limit: int = 100) -> list[ReorderRow]:
    """What to order for a place as the console and the API list it: most urgent first, at
    most `limit` rows (1 to 1,000), with the variant, supplier and supplier item loaded."""
    found = sorted(reorder_suggestions(cooperative, location), key=_urgency)
    found = found[:max(1, min(limit, REORDER_LIST_MAX))]
    variants = ProductVariant.objects.select_related("product").in_bulk(
        [s.variant_id for s in found])
    suppliers = Supplier.objects.in_bulk([s.supplier_id for s in found if s.supplier_id])
    items = SupplierItem.objects.in_bulk([s.supplier_item_id for s in found
                                          if s.supplier_item_id])
    return [ReorderRow(s, variants[s.variant_id], suppliers.get(s.supplier_id),
                       items.get(s.supplier_item_id)) for s in found]


def _suggest(variant_id, on_hand, allocated, incoming, daily, rule, config, offers,
             shelf_life_days) -> ReorderSuggestion | None:
    position = on_hand - allocated + incoming
    safety = rule.safety_stock_days if rule and rule.safety_stock_days is not None \
        else config.safety_stock_days

    def need(lead):
        if rule and rule.reorder_point is not None:
            point = rule.reorder_point
        elif rule and rule.min_quantity is not None:
            point = rule.min_quantity
        else:
            point = math.ceil(daily * (lead + safety))
        if rule and rule.max_quantity is not None:
            target = rule.max_quantity
        else:
            target = max(point, math.ceil(daily * (lead + safety + config.cover_days)))
        return point, target

    chosen = next((o for o in offers if o.preferred), None)
    if chosen is None and offers:
        by_cost = sorted(offers, key=lambda o: (o.unit_cost, o.item_id))
        for offer in by_cost:
            _point, target = need(offer.lead_time)
            if offer.available is None or offer.available >= target - position:
                chosen = offer
                break
        chosen = chosen or by_cost[0]
    lead = chosen.lead_time if chosen else 0
    point, target = need(lead)
    if position > point or target <= position:
        return None
    raw = target - position
    cap = None
    if shelf_life_days and daily > 0:
        cap = math.floor(daily * shelf_life_days) - position
        raw = min(raw, cap)
        if raw <= 0:
            return None
    pack = chosen.pack_size if chosen else 1
    min_packs = chosen.min_packs if chosen else 1
    packs = max(math.ceil(raw / pack), min_packs)
    limited = cap is not None and cap < target - position
    if cap is not None and packs * pack > cap:
        packs = cap // pack
        limited = True
        if packs < min_packs or packs == 0:
            return None
    quantity = packs * pack
    return ReorderSuggestion(
        variant_id=variant_id, on_hand=on_hand, allocated=allocated, incoming=incoming,
        average_daily_sales=round(daily, 2), lead_time_days=lead, safety_stock_days=safety,
        reorder_point=point, target=target, packs=packs, pack_size=pack, quantity=quantity,
        supplier_id=chosen.supplier_id if chosen else None,
        supplier_item_id=chosen.item_id if chosen else None,
        expected_cost=packs * chosen.cost_per_pack if chosen else None,
        limited_by_shelf_life=limited,
        supplier_short=bool(chosen and chosen.available is not None
                            and chosen.available < quantity))


@transaction.atomic
def purchase_order_create_from_suggestions(cooperative, location, picks: list[dict], *,
                                           actor=None) -> list:
    """Draft purchase orders, one per supplier, from the suggestions a manager picked
    ({"variant": variant, "packs": optional override})."""
    if not picks:
        raise ValidationError({"picks": ValidationError(_("Pick at least one suggestion."),
                                                        code=CommonErrorCode.REQUIRED)})
    wanted = {pick["variant"].pk: pick for pick in picks}
    found = {s.variant_id: s for s in reorder_suggestions(cooperative, location,
                                                          variant_ids=list(wanted))}
    items = SupplierItem.objects.in_bulk([s.supplier_item_id for s in found.values()
                                          if s.supplier_item_id])
    grouped: dict[int, list[dict]] = defaultdict(list)
    problems = []
    for variant_id, pick in wanted.items():
        suggestion = found.get(variant_id)
        if suggestion is None or suggestion.supplier_item_id is None:
            problems.append(ValidationError(
                _("%(sku)s needs no order now, or no supplier sells it.")
                % {"sku": pick["variant"].sku}, code=CommonErrorCode.INVALID))
            continue
        grouped[suggestion.supplier_id].append({
            "variant": pick["variant"], "supplier_item": items[suggestion.supplier_item_id],
            "packs": pick.get("packs") or suggestion.packs})
    if problems:
        raise ValidationError({"picks": problems})
    suppliers = {item.supplier_id: item.supplier for item in items.values()}
    return [purchase_order_create(cooperative, {"supplier": suppliers[supplier_id],
                                                "location": location, "lines": lines},
                                  actor=actor)
            for supplier_id, lines in sorted(grouped.items())]


@transaction.atomic
def reorder_rule_set(variant, location, data: dict) -> ReorderRule | None:
    """The manager's levels for a variant at a place; all empty removes the rule."""
    if variant.cooperative_id != location.cooperative_id:
        raise ValidationError({"location": ValidationError(_("No such place."),
                                                           code=CommonErrorCode.NOT_FOUND)})
    fields = ("reorder_point", "min_quantity", "max_quantity", "safety_stock_days")
    values = {name: data.get(name) for name in fields}
    for name, value in values.items():
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ValidationError({name: ValidationError(
                _("Give a whole number, zero or more."), code=CommonErrorCode.INVALID)})
    if values["min_quantity"] is not None and values["max_quantity"] is not None and \
            values["min_quantity"] > values["max_quantity"]:
        raise ValidationError({"max_quantity": ValidationError(
            _("The maximum is below the minimum."), code=CommonErrorCode.INVALID)})
    if all(value is None for value in values.values()):
        ReorderRule.objects.filter(variant=variant, location=location).delete()
        return None
    rule, _created = ReorderRule.objects.update_or_create(
        variant=variant, location=location,
        defaults={"cooperative_id": variant.cooperative_id, **values})
    return rule

"""Stock: every change goes through here, under row locks taken in one fixed order (by stock
id), and leaves a movement in the ledger. On hand never goes below zero or below what is
allocated, and a unit is never promised twice."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.addresses import IndonesianAddress
from backend.cooperatives.models import Cooperative
from backend.error_codes import CommonErrorCode
from backend.validation import Problems, check_model_fields
from inventory.error_codes import InventoryErrorCode

from .models import Location, LocationKind, MovementKind, Reservation, Stock, StockMovement


class InsufficientStock(ValidationError):
    def __init__(self, shortages: list[tuple[Stock, int]]):
        self.shortages = shortages
        super().__init__({"lines": [ValidationError(
            _("Only %(available)s left of %(sku)s at %(place)s.") % {
                "available": available, "sku": stock.variant.sku,
                "place": stock.location.name}, code=InventoryErrorCode.INSUFFICIENT_STOCK)
            for stock, available in shortages]})


# -- locations ----------------------------------------------------------------------------------
LOCATION_FIELDS = ("name", "code", "kind", "phone", "opening_hours", "pickup_allowed",
                   "is_active", *IndonesianAddress.ADDRESS_FIELDS)


@transaction.atomic
def location_save(cooperative: Cooperative, data: dict,
                  instance: Location | None = None) -> Location:
    problems = Problems()
    cleaned = {k: v for k, v in data.items() if k in LOCATION_FIELDS}
    check_model_fields(problems, Location, cleaned)
    name = cleaned.get("name", getattr(instance, "name", ""))
    if not (name or "").strip():
        problems.add("name", _("Enter a name."), CommonErrorCode.REQUIRED)
    code = cleaned.get("code", getattr(instance, "code", "")) or ""
    if not code:
        problems.add("code", _("Enter a short code."), CommonErrorCode.REQUIRED)
    elif Location.objects.of(cooperative).filter(code=code).exclude(
            pk=getattr(instance, "pk", None)).exists():
        problems.add("code", _("Another place has this code."), CommonErrorCode.UNIQUE)
    if cleaned.get("kind", LocationKind.STORE) not in LocationKind.values:
        problems.add("kind", _("Unknown kind of place."), CommonErrorCode.INVALID)
    problems.raise_if_any()
    if instance is None:
        return Location.objects.create(cooperative=cooperative, **cleaned)
    for field, value in cleaned.items():
        setattr(instance, field, value)
    instance.save()
    return instance


@transaction.atomic
def location_upsert(cooperative: Cooperative, code: str, **fields) -> Location:
    location, _created = Location.objects.update_or_create(
        cooperative=cooperative, code=code, defaults=fields)
    return location


# -- reading availability ---------------------------------------------------------------------
def active_reservations(now=None):
    return Reservation.objects.filter(expires_at__gt=now or timezone.now())


def reserved_quantity(stock: Stock, *, excluding: str = "", now=None) -> int:
    reservations = active_reservations(now).filter(stock=stock)
    if excluding:
        reservations = reservations.exclude(reference=excluding)
    return reservations.aggregate(q=Sum("quantity"))["q"] or 0


def available(stock: Stock, *, excluding: str = "") -> int:
    """On hand - allocated - active reservations (of other checkouts)."""
    return stock.on_hand - stock.allocated - reserved_quantity(stock, excluding=excluding)


# -- writing ------------------------------------------------------------------------------------
def _stock_for(variant, location: Location) -> Stock:
    if variant.cooperative_id != location.cooperative_id:
        raise ValidationError({"location": ValidationError(_("No such place."),
                                                           code=CommonErrorCode.NOT_FOUND)})
    stock, _created = Stock.objects.get_or_create(
        variant=variant, location=location, defaults={"cooperative_id": location.cooperative_id})
    return stock


def _locked(stock_ids) -> dict[int, Stock]:
    """Lock stock rows in id order, so two transactions never wait on each other in a cycle.
    Only the stock rows: locking the joined store and variant rows too (every cart shares the
    store's) made carts of the same store deadlock."""
    rows = Stock.objects.select_for_update(of=("self",)).filter(
        pk__in=set(stock_ids)).order_by("pk")
    return {s.pk: s for s in rows.select_related("variant", "location")}


def _move(stock: Stock, kind: str, quantity: int, *, actor=None, reason: str = "",
          reference: str = "") -> StockMovement:
    stock.on_hand += quantity
    stock.save(update_fields=["on_hand", "allocated"])
    return StockMovement.objects.create(
        cooperative_id=stock.cooperative_id, stock=stock, kind=kind, quantity=quantity,
        on_hand_after=stock.on_hand, reason=reason[:255], reference=reference[:80],
        actor=actor if getattr(actor, "is_authenticated", False) else None)


def _positive(quantity: int, field: str = "quantity") -> int:
    if not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError({field: ValidationError(_("Give a number above zero."),
                                                      code=CommonErrorCode.INVALID)})
    return quantity


@transaction.atomic
def stock_receive(variant, location: Location, quantity: int, *, actor=None, reference="",
                  kind: str = MovementKind.RECEIPT) -> Stock:
    """Units arriving: goods received, a customer return, a cancellation that comes back."""
    quantity = _positive(quantity)
    stock = _locked([_stock_for(variant, location).pk])
    stock = next(iter(stock.values()))
    _move(stock, kind, quantity, actor=actor, reference=reference)
    return stock


@transaction.atomic
def stock_adjust(variant, location: Location, *, counted: int, reason: str, actor=None) -> Stock:
    """Set on hand to what was counted on the shelf, with the reason recorded."""
    problems = Problems()
    if not (reason or "").strip():
        problems.add("reason", _("Say why the stock changes (counted, damaged, expired...)."),
                     CommonErrorCode.REQUIRED)
    if not isinstance(counted, int) or counted < 0:
        problems.add("counted", _("Give the number counted, zero or more."),
                     CommonErrorCode.INVALID)
    problems.raise_if_any()
    stock = next(iter(_locked([_stock_for(variant, location).pk]).values()))
    if counted < stock.allocated:
        raise ValidationError({"counted": ValidationError(
            _("%(n)s units are promised to orders; count at least that many, or cancel "
              "orders first.") % {"n": stock.allocated}, code=InventoryErrorCode.BELOW_ALLOCATED)})
    if counted != stock.on_hand:
        _move(stock, MovementKind.ADJUSTMENT, counted - stock.on_hand, actor=actor,
              reason=reason.strip())
    return stock


@transaction.atomic
def stock_bulk_set(cooperative: Cooperative, changes: list[tuple[int, int, int, str]], *,
                   reason: str, actor=None, reference: str = "") -> int:
    """Set on hand of many (variant id, location id) stocks to what was counted, at once: stock
    rows are made where missing, all locked in id order (as `_locked` does), one movement per
    change. `changes`: (variant id, location id, on hand, reason or ""). All or nothing: a
    count below what orders hold refuses the whole set. Written with one statement per table
    over arrays (Django's bulk_create spent most of 20,000 rows building SQL)."""
    if not changes:
        return 0
    stocks, movements = Stock._meta.db_table, StockMovement._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {stocks} (cooperative_id, variant_id, location_id, on_hand, allocated) "
            "SELECT %s, v, l, 0, 0 FROM unnest(%s::bigint[], %s::bigint[]) AS t(v, l) "
            "ON CONFLICT DO NOTHING",
            [cooperative.pk, [c[0] for c in changes], [c[1] for c in changes]])
    locked = {(s.variant_id, s.location_id): s for s in Stock.objects.select_for_update().filter(
        cooperative=cooperative, variant_id__in={c[0] for c in changes},
        location_id__in={c[1] for c in changes}).order_by("pk").only(
        "pk", "variant_id", "location_id", "on_hand", "allocated")}
    moved = []  # (stock id, change, on hand after, reason)
    for variant, location, on_hand, why in changes:
        stock = locked[(variant, location)]
        if on_hand < max(stock.allocated, 0):
            raise ValidationError({"counted": ValidationError(
                _("%(n)s units are promised to orders; count at least that many, or cancel "
                  "orders first.") % {"n": stock.allocated},
                code=InventoryErrorCode.BELOW_ALLOCATED)})
        if on_hand != stock.on_hand:
            moved.append((stock.pk, on_hand - stock.on_hand, on_hand, (why or reason)[:255]))
    if not moved:
        return 0
    ids, quantities, after, reasons = (list(column) for column in zip(*moved, strict=True))
    who = actor.pk if getattr(actor, "is_authenticated", False) else None
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {stocks} AS s SET on_hand = v.on_hand "
            "FROM unnest(%s::bigint[], %s::integer[]) AS v(id, on_hand) WHERE s.id = v.id",
            [ids, after])
        cursor.execute(
            f"INSERT INTO {movements} (cooperative_id, stock_id, kind, quantity, on_hand_after, "
            "reason, reference, actor_id, created_at) "
            "SELECT %s, t.stock, %s, t.quantity, t.after, t.reason, %s, %s, %s FROM "
            "unnest(%s::bigint[], %s::integer[], %s::integer[], %s::text[]) "
            "AS t(stock, quantity, after, reason)",
            [cooperative.pk, MovementKind.ADJUSTMENT, reference[:80], who, timezone.now(),
             ids, quantities, after, reasons])
    return len(moved)


def stocks_for_sale(location: Location, variant_ids) -> dict[int, Stock]:
    """Where each variant is sold from for an order served by `location`: its stock there,
    else the supplier's stock of a drop-ship variant (a SUPPLIER place, kept by the feed)."""
    stocks = {s.variant_id: s for s in Stock.objects.filter(location=location,
                                                          variant__in=variant_ids)}
    missing = set(variant_ids) - set(stocks)
    if missing:
        for stock in Stock.objects.filter(
                variant__in=missing, location__kind=LocationKind.SUPPLIER,
                location__cooperative_id=location.cooperative_id,
                location__is_active=True).annotate(
                free=F("on_hand") - F("allocated")).order_by("-free", "pk"):
            stocks.setdefault(stock.variant_id, stock)
    return stocks


@transaction.atomic
def stock_follow_supplier(variant, location: Location, quantity: int, *,
                          reference: str = "") -> Stock:
    """Drop-ship: on hand at the supplier's place is what its feed says it has; units already
    promised to orders stay promised."""
    stock = next(iter(_locked([_stock_for(variant, location).pk]).values()))
    target = max(quantity, stock.allocated)
    if target != stock.on_hand:
        _move(stock, MovementKind.ADJUSTMENT, target - stock.on_hand,
              reason="supplier feed", reference=reference)
    return stock


@transaction.atomic
def stock_transfer(variant, source: Location, target: Location, quantity: int, *, actor=None,
                   reason: str = "") -> tuple[Stock, Stock]:
    quantity = _positive(quantity)
    if source.pk == target.pk:
        raise ValidationError({"target": ValidationError(_("Choose another place."),
                                                         code=CommonErrorCode.INVALID)})
    ids = [_stock_for(variant, source).pk, _stock_for(variant, target).pk]
    locked = _locked(ids)
    out, into = locked[ids[0]], locked[ids[1]]
    free = available(out)
    if quantity > free:
        raise InsufficientStock([(out, free)])
    reference = f"transfer:{out.pk}->{into.pk}:{timezone.now().isoformat()}"
    _move(out, MovementKind.TRANSFER_OUT, -quantity, actor=actor, reason=reason,
          reference=reference)
    _move(into, MovementKind.TRANSFER_IN, quantity, actor=actor, reason=reason,
          reference=reference)
    return out, into


@dataclass(frozen=True)
class Line:
    stock_id: int
    quantity: int


@transaction.atomic
def stock_reserve(reference: str, lines: list[Line], *, minutes: int) -> None:
    """Hold units for a checkout (replacing what it held before) or say what is short."""
    locked = _locked([line.stock_id for line in lines])
    shortages = []
    for line in lines:
        stock = locked[line.stock_id]
        free = available(stock, excluding=reference)
        if line.quantity > free:
            shortages.append((stock, max(free, 0)))
    if shortages:
        raise InsufficientStock(shortages)
    Reservation.objects.filter(reference=reference).delete()
    expires = timezone.now() + timedelta(minutes=minutes)
    Reservation.objects.bulk_create([
        Reservation(cooperative_id=locked[line.stock_id].cooperative_id,
                    stock_id=line.stock_id, reference=reference, quantity=line.quantity,
                    expires_at=expires) for line in lines if line.quantity > 0])


@transaction.atomic
def stock_allocate(reference: str, lines: list[Line]) -> None:
    """Promise units to an order: counts this checkout's own reservation as its own, and
    fails whole if any line is short. Concurrent calls for the last units cannot both win:
    each re-reads the locked rows."""
    locked = _locked([line.stock_id for line in lines])
    shortages = []
    for line in lines:
        stock = locked[line.stock_id]
        free = available(stock, excluding=reference)
        if line.quantity > free:
            shortages.append((stock, max(free, 0)))
    if shortages:
        raise InsufficientStock(shortages)
    for line in lines:
        stock = locked[line.stock_id]
        stock.allocated += line.quantity
        stock.save(update_fields=["allocated"])
    Reservation.objects.filter(reference=reference).delete()


@transaction.atomic
def stock_deallocate(reference: str, lines: list[Line]) -> None:
    """An unpaid or cancelled order gives its promised units back."""
    locked = _locked([line.stock_id for line in lines])
    for line in lines:
        stock = locked[line.stock_id]
        stock.allocated = max(0, stock.allocated - line.quantity)
        stock.save(update_fields=["allocated"])


@transaction.atomic
def stock_sell(reference: str, lines: list[Line], *, actor=None) -> None:
    """Promised units leave the shelf (handed over or shipped)."""
    locked = _locked([line.stock_id for line in lines])
    for line in lines:
        stock = locked[line.stock_id]
        quantity = min(line.quantity, stock.allocated)
        stock.allocated -= quantity
        _move(stock, MovementKind.SALE, -quantity, actor=actor, reference=reference)


@transaction.atomic
def stock_sell_at_counter(location: Location, items: list[tuple[object, int]], *,
                          reference: str, actor=None) -> list[Stock]:
    """Units sold at the counter of `location` leave its shelf: [(variant, quantity)], one
    stock per item, in order. Never refused for the books saying 0: the goods were there, so
    on hand may go below zero (the only path that does) and shows as a discrepancy."""
    found = {s.variant_id: s for s in Stock.objects.filter(
        location=location, variant__in=[variant.pk for variant, _quantity in items])}
    stocks = [found.get(variant.pk) or _stock_for(variant, location)
              for variant, _quantity in items]
    locked = _locked([stock.pk for stock in stocks])
    for stock, (_variant, quantity) in zip(stocks, items, strict=True):
        _move(locked[stock.pk], MovementKind.SALE, -_positive(quantity), actor=actor,
              reference=reference)
    return [locked[stock.pk] for stock in stocks]


@transaction.atomic
def stock_return_at_counter(items: list[tuple[int, int]], *, reference: str,
                            actor=None) -> None:
    """Units a customer brought back to the counter go back on the shelf: [(stock id,
    quantity)]."""
    locked = _locked([stock_id for stock_id, _quantity in items])
    for stock_id, quantity in items:
        _move(locked[stock_id], MovementKind.CUSTOMER_RETURN, _positive(quantity), actor=actor,
              reference=reference)


def reservations_purge(now=None) -> int:
    """Housekeeping: expired reservations no longer count anyway."""
    return Reservation.objects.filter(expires_at__lte=now or timezone.now()).delete()[0]


def ledger_mismatches(cooperative=None) -> list[tuple[Stock, int]]:
    """Stocks whose on hand differs from the sum of their movements, with that sum."""
    stocks = Stock.objects.all() if cooperative is None else Stock.objects.of(cooperative)
    sums = stocks.annotate(moved=Coalesce(Sum("movements__quantity"), 0)).exclude(
        on_hand=F("moved"))
    return [(s, s.moved) for s in sums.select_related("variant", "location")]

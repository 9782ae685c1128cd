"""What the cooperative owes its sellers: each completed line credits the seller its total
less the cooperative's commission; a later refund takes its part back; statements gather
the entries of a period, and a manager marks them paid."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.money import format_rupiah, round_rupiah
from backend.validation import Problems
from messaging.services import message_send
from orders.error_codes import PayoutErrorCode

from ..models import CategoryCommission, Order, PayoutEntry, Refund, SellerPayout


def commission_percent(cooperative, category) -> Decimal:
    """The nearest category (itself, then up the tree) with its own rate, else the
    cooperative's default."""
    if category is not None:
        paths = [category.path[:i] for i in range(len(category.path), 0, -category.steplen)]
        rates = {c.category.path: c.percent for c in CategoryCommission.objects.of(
            cooperative).filter(category__path__in=paths).select_related("category")}
        for path in paths:
            if path in rates:
                return rates[path]
    return Decimal(cooperative.default_commission_percent)


def seller_gross(order: Order, line, quantity: int) -> int:
    """What the shopper paid for `quantity` units of the line, less the voucher's part only
    when the voucher is the seller's own promotion (the cooperative pays for its own)."""
    gross = line.unit_price * quantity
    if order.voucher_id and order.voucher.seller_id == line.seller_id and line.quantity:
        gross -= round_rupiah(Decimal(line.discount) * quantity / line.quantity)
    return gross


def seller_credit(cooperative, *, seller_id: int, category, gross: int, quantity: int,
                  reference: str, order_line=None, line_key: str = "",
                  item_name: str = "", percent: Decimal | None = None) -> PayoutEntry:
    """What a seller is credited for units a shopper kept: `gross` less the commission of
    the product's category (unsaved; the caller saves its entries together; `percent`: that
    category's `commission_percent`, when the caller has it already). Orders and the till
    both credit through here."""
    if percent is None:
        percent = commission_percent(cooperative, category)
    commission = round_rupiah(Decimal(gross) * percent / 100)
    return PayoutEntry(
        cooperative_id=cooperative.pk, seller_id=seller_id, order_line=order_line,
        line_key=line_key, item_name=item_name[:200], kind=PayoutEntry.Kind.SALE,
        reference=reference, quantity=quantity, gross=gross, commission_percent=percent,
        commission=commission, amount=gross - commission)


def seller_credit_reversal(line_entries, quantity: int, reference: str) -> PayoutEntry | None:
    """Taking back the credit of `quantity` refunded units of one sold line (`line_entries`:
    that line's entries), or None when it was never credited. The last units take what is
    left, so the credits net to exactly zero (unsaved)."""
    sale = line_entries.filter(kind=PayoutEntry.Kind.SALE).first()
    if sale is None:
        return None
    before = line_entries.filter(kind=PayoutEntry.Kind.REFUND).aggregate(
        units=Sum("quantity"), gross=Sum("gross"), commission=Sum("commission"))
    units_before = -(before["units"] or 0)
    if units_before + quantity >= sale.quantity:
        gross = sale.gross + (before["gross"] or 0)
        commission = sale.commission + (before["commission"] or 0)
    else:
        share = Decimal(quantity) / sale.quantity
        gross = round_rupiah(sale.gross * share)
        commission = round_rupiah(sale.commission * share)
    return PayoutEntry(
        cooperative_id=sale.cooperative_id, seller_id=sale.seller_id,
        order_line_id=sale.order_line_id, line_key=sale.line_key, item_name=sale.item_name,
        kind=PayoutEntry.Kind.REFUND, reference=reference, quantity=-quantity, gross=-gross,
        commission_percent=sale.commission_percent, commission=-commission,
        amount=-(gross - commission))


def payout_entries_for_order(order: Order) -> list[PayoutEntry]:
    """Credit each seller for the units the shopper kept (once per order)."""
    entries = []
    for line in order.lines.select_related("variant__product__category", "seller"):
        if not line.open_quantity:
            continue
        category = line.variant.product.category if line.variant_id else None
        entries.append(seller_credit(
            order.cooperative, seller_id=line.seller_id, category=category,
            gross=seller_gross(order, line, line.open_quantity),
            quantity=line.open_quantity, reference=f"order:{order.number}", order_line=line,
            item_name=line.product_name))
    return PayoutEntry.objects.bulk_create(entries, ignore_conflicts=True)


def payout_entries_for_refund(refund: Refund) -> list[PayoutEntry]:
    """A refund after the seller was credited takes back its part of the credit (a negative
    entry, settled in the seller's next statement)."""
    entries = [seller_credit_reversal(
        PayoutEntry.objects.filter(order_line=refund_line.order_line), refund_line.quantity,
        f"refund:{refund.pk}") for refund_line in refund.lines.select_related("order_line")]
    return PayoutEntry.objects.bulk_create([e for e in entries if e is not None],
                                           ignore_conflicts=True)


@transaction.atomic
def payouts_create(cooperative, *, period_end: date) -> list[SellerPayout]:
    """Close the period up to `period_end` (inclusive, in the cooperative's time zone): one
    statement per seller for its entries not yet on a statement. A seller whose refunds
    outweigh its sales carries the balance to the next period."""
    if period_end > timezone.localdate():
        raise ValidationError({"period_end": ValidationError(
            _("A period cannot end in the future."), code=CommonErrorCode.INVALID)})
    until = timezone.make_aware(datetime.combine(period_end + timedelta(days=1), time.min))
    # Exactly the entries locked here are summed and attached: one credited while this runs
    # waits for the next statement instead of being attached uncounted.
    locked = list(PayoutEntry.objects.of(cooperative).select_for_update().filter(
        payout__isnull=True, created_at__lt=until).values_list("pk", flat=True))
    entries = PayoutEntry.objects.filter(pk__in=locked)
    totals = entries.values("seller_id").annotate(
        gross=Sum("gross"), commission=Sum("commission"), amount=Sum("amount"),
        first=Min("created_at")).order_by("seller_id")
    payouts = []
    for row in totals:
        if row["amount"] <= 0:
            continue
        payout = SellerPayout.objects.create(
            cooperative=cooperative, seller_id=row["seller_id"],
            period_start=timezone.localtime(row["first"]).date(), period_end=period_end,
            gross=row["gross"], commission=row["commission"], amount=row["amount"])
        entries.filter(seller_id=row["seller_id"]).update(payout=payout)
        payouts.append(payout)
    return payouts


@transaction.atomic
def seller_payout_mark_paid(payout: SellerPayout, actor, *, reference: str = "") -> SellerPayout:
    payout = SellerPayout.objects.select_for_update().get(pk=payout.pk)
    problems = Problems()
    if payout.status == SellerPayout.Status.PAID:
        problems.add("id", _("This payout is already paid."), PayoutErrorCode.INVALID_STATUS)
    if len(reference or "") > 100:
        problems.add("reference", _("This is too long."), CommonErrorCode.INVALID)
    problems.raise_if_any()
    payout.status, payout.paid_at, payout.paid_by = (SellerPayout.Status.PAID, timezone.now(),
                                                     actor)
    payout.payment_reference = (reference or "").strip()
    payout.save()
    seller = payout.seller
    message_send(seller.cooperative, "seller_payout_paid",
                 {"amount": format_rupiah(payout.amount), "business": seller.business_name,
                  "reference": payout.payment_reference or "-"},
                 phone=seller.phone, email=seller.email)
    return payout


@transaction.atomic
def category_commission_set(category, percent: Decimal | None) -> CategoryCommission | None:
    """A category's own commission rate; None goes back to the cooperative's default."""
    if percent is None:
        CategoryCommission.objects.filter(category=category).delete()
        return None
    if not Decimal(0) <= percent <= Decimal(100):
        raise ValidationError({"percent": ValidationError(
            _("Give a percentage from 0 to 100."), code=CommonErrorCode.INVALID)})
    commission, _created = CategoryCommission.objects.update_or_create(
        category=category, defaults={"cooperative_id": category.cooperative_id,
                                     "percent": percent.quantize(Decimal("0.01"))})
    return commission

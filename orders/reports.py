"""Sales figures for the manager's reports: what shoppers kept (refunded units left out),
by day, seller, category and product, and members against non-members."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from backend.spreadsheets import write_xlsx_sheets

from .models import DeliveryMethod, OrderLine, OrderStatus

SOLD = (OrderStatus.COMPLETED, OrderStatus.PARTLY_REFUNDED)

# Sales of other channels (the till registers itself at start-up): name -> a function of
# (cooperative, since, until) giving what customers kept there, in rupiah.
SALES_CHANNELS: dict = {}


def register_sales_channel(name: str, total_of) -> None:
    SALES_CHANNELS[name] = total_of


@dataclass
class SalesReport:
    start: datetime.date
    end: datetime.date
    total: int
    units: int
    member_total: int
    non_member_total: int
    by_day: list[tuple[datetime.date, int]]
    by_seller: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    top_products: list[tuple[str, int, int]]
    by_channel: list[tuple[str, int]] = field(default_factory=list)  # online, till...
    # how the shopper took it: pickup, delivery, courier
    by_delivery: list[tuple[str, int]] = field(default_factory=list)


def sales_report(cooperative, start: datetime.date, end: datetime.date) -> SalesReport:
    """Completed orders placed from `start` to `end` (inclusive, the cooperative's days)."""
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    until = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1),
                                                          datetime.time.min))
    lines = OrderLine.objects.of(cooperative).filter(
        order__status__in=SOLD, order__created_at__gte=since, order__created_at__lt=until
    ).annotate(kept=F("quantity") - F("refunded_quantity"),
               sales=F("unit_price") * (F("quantity") - F("refunded_quantity")))

    def grouped(*fields, order="-amount", limit=None):
        rows = lines.values(*fields).annotate(amount=Sum("sales"), units=Sum("kept")).order_by(
            order)
        return list(rows[:limit] if limit else rows)

    totals = lines.aggregate(total=Sum("sales"), units=Sum("kept"),
                             members=Sum("sales", filter=Q(order__member__isnull=False)))
    days = lines.annotate(day=TruncDate("order__created_at")).values("day").annotate(
        amount=Sum("sales")).order_by("day")
    total = totals["total"] or 0
    return SalesReport(
        start=start, end=end, total=total, units=totals["units"] or 0,
        member_total=totals["members"] or 0, non_member_total=total - (totals["members"] or 0),
        by_day=[(row["day"], row["amount"]) for row in days],
        by_delivery=[(str(DeliveryMethod(r["order__delivery_method"]).label), r["amount"])
                     for r in grouped("order__delivery_method")],
        by_seller=[(r["seller__business_name"], r["amount"])
                   for r in grouped("seller__business_name")],
        by_category=[(r["variant__product__category__name"] or "—", r["amount"])
                     for r in grouped("variant__product__category__name")],
        top_products=[(r["product_name"], r["units"], r["amount"])
                      for r in grouped("product_name", limit=10)],
        by_channel=[("online", total)] + [(name, total_of(cooperative, since, until))
                                          for name, total_of in SALES_CHANNELS.items()])


def sales_report_xlsx(report: SalesReport) -> bytes:
    from django.utils.translation import gettext as _

    summary = [(_("From"), report.start), (_("To"), report.end), (_("Sales (Rp)"), report.total),
               (_("Members (Rp)"), report.member_total),
               (_("Non-members (Rp)"), report.non_member_total), (_("Units"), report.units)]
    return write_xlsx_sheets([
        (_("Summary"), [], summary),
        (_("By day"), [_("Day"), _("Sales (Rp)")], report.by_day),
        (_("By seller"), [_("Seller"), _("Sales (Rp)")], report.by_seller),
        (_("By category"), [_("Category"), _("Sales (Rp)")], report.by_category),
        (_("Top products"), [_("Product"), _("Units"), _("Sales (Rp)")], report.top_products),
        (_("Pickup or delivery"), [_("Pickup or delivery"), _("Sales (Rp)")],
         report.by_delivery),
    ])

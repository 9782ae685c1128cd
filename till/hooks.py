"""What the till tells lower floors at start-up (they never import it)."""

from django.db.models import F, Sum


def till_sales_total(cooperative, since, until) -> int:
    from .models import TillSale

    return TillSale.objects.of(cooperative).filter(sold_at__gte=since, sold_at__lt=until) \
        .aggregate(s=Sum(F("total") - F("refunded_total")))["s"] or 0


def register_hooks() -> None:
    from orders.reports import register_sales_channel

    register_sales_channel("till", till_sales_total)

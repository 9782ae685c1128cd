"""The daily settlement report per gateway and method: what was paid (gross), the gateway's
fee by its published price list (or as charged to the shopper), what went back, and what the
cooperative should see settled (net). Days in the cooperative's time zone."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from backend.spreadsheets import write_xlsx_sheets

from .models import AttemptState, Method, PaymentAttempt, Provider
from .providers import provider_named
from .selectors import gateway_settings_of


@dataclass(frozen=True)
class SettlementRow:
    provider: str
    method: str
    payments: int
    gross: int
    fee: int
    refunded: int

    @property
    def net(self) -> int:
        return self.gross - self.fee - self.refunded

    @property
    def provider_label(self) -> str:
        return str(Provider(self.provider).label)

    @property
    def method_label(self) -> str:
        return str(Method(self.method).label)


def settlement_report(cooperative, day: date) -> list[SettlementRow]:
    zone = ZoneInfo(cooperative.time_zone or "Asia/Jakarta")
    start = datetime.combine(day, time.min, tzinfo=zone)
    paid = PaymentAttempt.objects.filter(
        cooperative=cooperative, paid_at__gte=start, paid_at__lt=start + timedelta(days=1),
        state__in=[AttemptState.PAID, AttemptState.REFUNDED, AttemptState.HELD]
    ).order_by("provider", "method").only("provider", "method", "paid_amount", "fee",
                                          "refunded_amount")
    stored = gateway_settings_of(cooperative)
    grouped: dict[tuple[str, str], list] = {}
    for attempt in paid:
        grouped.setdefault((attempt.provider, attempt.method), []).append(attempt)
    rows = []
    for (provider, method), attempts in grouped.items():
        priced = provider_named(provider, stored) if provider in (
            Provider.MIDTRANS, Provider.XENDIT) else None
        fee = sum(a.fee or (priced.fee(method, a.paid_amount) if priced else 0)
                  for a in attempts)
        rows.append(SettlementRow(provider, method, len(attempts),
                                  sum(a.paid_amount for a in attempts), fee,
                                  sum(a.refunded_amount for a in attempts)))
    return rows


def settlement_xlsx(rows: list[SettlementRow], day: date) -> bytes:
    headers = [_("Gateway"), _("Way to pay"), _("Payments"), _("Gross (Rp)"), _("Fee (Rp)"),
               _("Refunded (Rp)"), _("Net (Rp)")]
    return write_xlsx_sheets([(str(day), headers, [
        [r.provider_label, r.method_label, r.payments, r.gross, r.fee,
         r.refunded, r.net] for r in rows])])

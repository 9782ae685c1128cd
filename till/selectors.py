"""Reads of the till: a scanned code to a variant (price-embedded codes too), a member named by
card, number or phone, what a shift should hold, the offline pack of a store."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.utils import timezone
from graphql_relay import to_global_id

from backend.accounts.phone import normalize_phone
from backend.money import round_rupiah
from catalog.models import ProductStatus, ProductVariant
from members.models import Member
from members.services.card import member_from_card
from members.services.eligibility import Eligibility, member_eligibility_of
from members.services.pricing import PriceBook, PricedItem, priced_variants

from .models import (
    CashMove,
    PaymentKind,
    PriceBarcodeLayout,
    Shift,
    TillPayment,
    TillRefund,
    TillSale,
    TillSettings,
)

ELIGIBILITY_SALT = "coop-mart till eligibility list"
LAYOUTS = {  # item code digits, value digits, value is a weight
    PriceBarcodeLayout.ITEM5_PRICE5: (5, 5, False),
    PriceBarcodeLayout.ITEM4_PRICE6: (4, 6, False),
    PriceBarcodeLayout.ITEM5_WEIGHT5: (5, 5, True),
}


def till_settings_of(cooperative) -> TillSettings:
    found, _created = TillSettings.objects.get_or_create(cooperative=cooperative)
    return found


def ean13_valid(code: str) -> bool:
    if len(code) != 13 or not code.isdigit():
        return False
    digits = [int(c) for c in code]
    return (10 - sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12])) % 10) % 10 \
        == digits[12]


@dataclass(frozen=True)
class BarcodeMatch:
    variant: ProductVariant
    embedded_price: int | None = None  # a price barcode's price (or the weight's price)
    weight_grams: int | None = None


def price_barcode_parts(code: str, layout: str) -> tuple[str, int, bool] | None:
    """(the variant's barcode, the value, whether it is a weight) of a price-embedded EAN-13
    (2, flag digit, item code, value, check digit), or None."""
    if layout not in LAYOUTS or not code.startswith("2") or not ean13_valid(code):
        return None
    item, value, is_weight = LAYOUTS[layout]
    return code[:2 + item], int(code[2 + item:2 + item + value]), is_weight


def weighed_price(price_per_kg: int, grams: int) -> int:
    return round_rupiah(Decimal(price_per_kg) * grams / 1000)


def variant_by_barcode(cooperative, code: str) -> BarcodeMatch | None:
    """A scanned or typed code: a variant's barcode, its SKU, or a scale's price barcode."""
    code = (code or "").strip()
    if not code:
        return None
    variants = ProductVariant.objects.of(cooperative).select_related("product")
    found = variants.filter(Q(barcode=code) | Q(sku=code.upper())).first()
    if found is not None:
        return BarcodeMatch(found)
    parts = price_barcode_parts(code, till_settings_of(cooperative).price_barcode_layout)
    if parts is None:
        return None
    found = variants.filter(barcode=parts[0]).first()
    if found is None:
        return None
    if parts[2]:
        return BarcodeMatch(found, weighed_price(found.price, parts[1]), parts[1])
    return BarcodeMatch(found, parts[1])


def till_member_find(cooperative, text: str) -> Member | None:
    """The member a cashier names: their card's QR (the signed token), member number or
    phone. An invalid or expired card is an error the cashier sees."""
    text = (text or "").strip()
    if not text:
        return None
    if ":" in text:  # a signed card token
        return member_from_card(text, cooperative)
    members = Member.objects.of(cooperative).filter(anonymised_at=None)
    found = members.filter(member_number__iexact=text).first()
    if found is None:
        try:
            found = members.filter(phone=normalize_phone(text)).first()
        except ValidationError:
            found = None
    return found


def member_at_till(cooperative, member: Member | None) -> Eligibility:
    return member_eligibility_of(member, cooperative)


# -- shifts -------------------------------------------------------------------------------------
def shift_expected(shift: Shift) -> dict[str, int]:
    """What each payment method should hold at closing: cash is the float, cash taken (less
    change), petty cash in and out, less cash paid back; card and QRIS their payments less
    refunds."""
    taken = dict(TillPayment.objects.filter(sale__shift=shift).values_list("method").annotate(
        s=Sum("amount")).values_list("method", "s"))
    refunded = dict(TillRefund.objects.filter(shift=shift).values_list("method").annotate(
        s=Sum("amount")).values_list("method", "s"))
    moves = CashMove.objects.filter(shift=shift).aggregate(s=Sum("amount"))["s"] or 0
    expected = {kind: (taken.get(kind) or 0) - (refunded.get(kind) or 0)
                for kind in PaymentKind.values}
    expected["cash"] += shift.opening_float + moves
    return expected


@dataclass
class ShiftReport:
    shift: Shift
    sales: int
    sales_total: int
    refunds: int
    refunds_total: int
    cash_in: int
    cash_out: int
    by_method: dict[str, int]
    expected: dict[str, int]
    flagged: int


def shift_report(shift: Shift) -> ShiftReport:
    sales = TillSale.objects.filter(shift=shift)
    refunds = TillRefund.objects.filter(shift=shift)
    moves = CashMove.objects.filter(shift=shift)
    taken = dict(TillPayment.objects.filter(sale__shift=shift).values_list("method").annotate(
        s=Sum("amount")).values_list("method", "s"))
    return ShiftReport(
        shift=shift, sales=sales.count(), sales_total=sales.aggregate(s=Sum("total"))["s"] or 0,
        refunds=refunds.count(), refunds_total=refunds.aggregate(s=Sum("amount"))["s"] or 0,
        cash_in=moves.filter(amount__gt=0).aggregate(s=Sum("amount"))["s"] or 0,
        cash_out=-(moves.filter(amount__lt=0).aggregate(s=Sum("amount"))["s"] or 0),
        by_method={kind: taken.get(kind) or 0 for kind in PaymentKind.values},
        expected=shift.expected if shift.closed_at else shift_expected(shift),
        flagged=sales.exclude(flags=[]).count())


def open_shift_of(user, location) -> Shift | None:
    return Shift.objects.filter(cashier=user, location=location, closed_at=None).first()


def till_sales(cooperative, *, shift=None, location=None, flagged=None):
    queryset = TillSale.objects.of(cooperative)
    if shift is not None:
        queryset = queryset.filter(shift=shift)
    if location is not None:
        queryset = queryset.filter(location=location)
    if flagged is not None:
        queryset = queryset.exclude(flags=[]) if flagged else queryset.filter(flags=[])
    return queryset


def member_patronage_this_year(member: Member | None) -> int:
    from members.models import PatronageEntry

    if member is None:
        return 0
    return PatronageEntry.objects.filter(
        member=member, fiscal_year=timezone.localdate().year).aggregate(
        s=Sum("amount"))["s"] or 0


# -- what the till keeps on the device ---------------------------------------------------------
def offline_catalog(cooperative, location) -> dict:
    """The store's products with barcodes, prices and member prices (what any eligible member
    pays), compact: one row per variant, read as plain values (20,000 model objects with
    their products would take seconds)."""
    book = PriceBook(cooperative, Eligibility(None, True))
    rows = priced_variants(ProductVariant.objects.of(cooperative).filter(
        product__status=ProductStatus.PUBLISHED)).order_by("pk").values_list(
        "pk", "sku", "barcode", "name", "product__name", "pricing_price", "pricing_product",
        "pricing_seller", "pricing_category", "pricing_explicit")
    found = []
    for pk, sku, barcode, name, product_name, price, product, seller, category, explicit in rows:
        member_price = book.member_price(PricedItem(price, product, seller, category, explicit))
        found.append([to_global_id("ProductVariant", pk), sku, barcode,
                      f"{product_name} {name}".strip(), price, member_price])
    return {"fields": ["id", "sku", "barcode", "name", "price", "memberPrice"], "rows": found,
            "layout": till_settings_of(cooperative).price_barcode_layout,
            "madeAt": timezone.now().isoformat(), "location": location.pk}


def eligibility_list(cooperative) -> dict:
    """The cooperative's members for member prices offline: id, number, name and whether
    they get member prices now (why not, if not); no NIK, phone or address. Signed and
    short-lived: the device shows its age and stops trusting it after TILL_ELIGIBILITY_HOURS."""
    rows = []
    for member in Member.objects.of(cooperative).filter(anonymised_at=None).only(
            "pk", "member_number", "full_name", "is_active", "status", "dues_paid_until",
            "anonymised_at").order_by("pk"):
        eligibility = member_eligibility_of(member, cooperative)
        rows.append([member.pk, member.member_number, member.full_name,
                     eligibility.eligible, eligibility.message])
    made = timezone.now()
    payload = {"fields": ["id", "number", "name", "eligible", "reason"], "rows": rows,
               "madeAt": made.isoformat(),
               "expiresAt": (made + timedelta(hours=settings.TILL_ELIGIBILITY_HOURS)).isoformat()}
    payload["signature"] = signing.Signer(salt=ELIGIBILITY_SALT).signature(
        f"{cooperative.pk}:{payload['madeAt']}:{len(rows)}")
    return payload

"""Member prices (harga anggota): an explicit price per variant, and price rules (percent or
rupiah off) by scope, member category, time window and priority. The best price wins, in
whole rupiah (half up), never below zero, and only when it is below the regular price.

The price a shopper sees is the price they are charged: listings, product pages, the cart
and checkout all ask a PriceBook."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems
from catalog.selectors import category_subtree_ids
from catalog.services.products import variant_update

from ..models import PriceRule, VariantMemberPrice
from .eligibility import Eligibility


@dataclass(frozen=True)
class Pricing:
    regular_price: int
    member_price: int | None  # what a member pays, shown to everyone when there is one
    price: int  # what this shopper pays
    is_member_price: bool
    reason: str = ""  # why a member price was not applied to this shopper, if there is one


def apply_rule(kind: str, value: Decimal, price: int) -> int:
    if kind == PriceRule.Kind.PERCENT:
        off = (Decimal(price) * value / 100)
        result = (Decimal(price) - off).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    else:
        result = Decimal(price) - value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(0, int(result))


class PriceBook:
    """Member prices of one cooperative for one shopper, loaded once per request."""

    def __init__(self, cooperative, eligibility: Eligibility, now: datetime.datetime | None = None):
        self.eligibility = eligibility
        self.enabled = cooperative.member_pricing_enabled
        now = now or timezone.now()
        member = eligibility.member
        member_category = member.category if (member and eligibility.eligible) else None
        rules = PriceRule.objects.of(cooperative).filter(is_active=True).filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now)).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)).select_related("category")
        # A rule for some member categories counts only for a member of one of them; the
        # price shown to others is what any member would pay.
        self.rules = [r for r in rules
                      if not r.member_categories or member_category in r.member_categories]
        self.category_scopes = {r.pk: category_subtree_ids(r.category)
                                for r in self.rules if r.category_id}

    def _matches(self, rule: PriceRule, item: "PricedItem") -> bool:
        if rule.product_id:
            return rule.product_id == item.product_id
        if rule.seller_id:
            return rule.seller_id == item.seller_id
        if rule.category_id:
            return item.category_id in self.category_scopes[rule.pk]
        return True

    def member_price(self, item: "PricedItem") -> int | None:
        if not self.enabled:
            return None
        candidates = [item.explicit] if item.explicit is not None else []
        candidates += [apply_rule(r.kind, r.value, item.price) for r in self.rules
                       if self._matches(r, item)]
        if not candidates:
            return None
        best = max(0, min(candidates))
        return best if best < item.price else None

    def pricing(self, item: "PricedItem") -> Pricing:
        member_price = self.member_price(item)
        applies = member_price is not None and self.eligibility.eligible
        return Pricing(regular_price=item.price, member_price=member_price,
                       price=member_price if applies else item.price,
                       is_member_price=applies,
                       reason="" if applies or member_price is None else self.eligibility.reason)

    def cheapest(self, variants) -> Pricing | None:
        """A product's "from" price: the variant this shopper pays least for (the regular
        price breaks a tie), for the storefront's cards and the API's `Product.pricing`."""
        prices = [self.pricing(priced_item(v)) for v in variants]
        return min(prices, key=lambda p: (p.price, p.regular_price)) if prices else None


@dataclass(frozen=True)
class PricedItem:
    """What pricing needs to know of a variant."""

    price: int
    product_id: int
    seller_id: int
    category_id: int | None
    explicit: int | None  # the variant's own member price


PRICING_ANNOTATIONS = {
    "pricing_price": F("price"), "pricing_cooperative": F("cooperative_id"),
    "pricing_product": F("product_id"), "pricing_seller": F("product__seller_id"),
    "pricing_category": F("product__category_id"), "pricing_explicit": F("member_price__price"),
}


def priced_variants(queryset):
    """Variants annotated with everything pricing reads, so a listing needs no more queries
    whatever fields the optimizer loaded."""
    return queryset.annotate(**PRICING_ANNOTATIONS)


def priced_item(variant) -> PricedItem:
    if hasattr(variant, "pricing_price"):
        return PricedItem(variant.pricing_price, variant.pricing_product,
                          variant.pricing_seller, variant.pricing_category,
                          variant.pricing_explicit)
    product = variant.product
    return PricedItem(variant.price, product.pk, product.seller_id, product.category_id,
                      explicit_member_price(variant))


def variant_cooperative_id(variant) -> int:
    return getattr(variant, "pricing_cooperative", None) or variant.cooperative_id


def request_price_book(request, cooperative_id: int) -> PriceBook:
    """The shopper's PriceBook for a cooperative, made once per request."""
    from backend.cooperatives.models import Cooperative

    from .eligibility import request_eligibility

    cache = request.__dict__.setdefault("_price_books", {})
    if cooperative_id not in cache:
        cooperative = Cooperative.objects.get(pk=cooperative_id)
        cache[cooperative_id] = PriceBook(cooperative,
                                          request_eligibility(request, cooperative))
    return cache[cooperative_id]


def explicit_member_price(variant) -> int | None:
    try:
        return variant.member_price.price
    except VariantMemberPrice.DoesNotExist:
        return None


# -- writes ---------------------------------------------------------------------------------
@transaction.atomic
def variant_member_price_set(variant, price: int | None) -> VariantMemberPrice | None:
    """Set (or, with None, remove) a variant's explicit member price."""
    if price is None:
        VariantMemberPrice.objects.filter(variant=variant).delete()
        return None
    problems = Problems()
    if price < 0:
        problems.add("price", _("A price cannot be negative."), CommonErrorCode.INVALID)
    elif price >= variant.price:
        problems.add("price", _("The member price must be lower than the regular price of "
                                "%(price)s.") % {"price": variant.price}, CommonErrorCode.INVALID)
    problems.raise_if_any()
    member_price, _created = VariantMemberPrice.objects.update_or_create(
        variant=variant, defaults={"cooperative_id": variant.cooperative_id, "price": price})
    return member_price


RULE_FIELDS = ("name", "kind", "value", "category", "seller", "product", "member_categories",
               "starts_at", "ends_at", "priority", "is_active")


@transaction.atomic
@transaction.atomic
def variant_prices_set(variant, price: int, member_price: int | None):
    """The regular price and the variant's own member price (None: none of its own) in one
    save, as the seller portal's price form sends them."""
    variant = variant_update(variant, {"price": price})
    variant.refresh_from_db()
    variant_member_price_set(variant, member_price)
    return variant


def price_rule_save(cooperative, data: dict, instance: PriceRule | None = None) -> PriceRule:
    problems = Problems()
    cleaned = {k: v for k, v in data.items() if k in RULE_FIELDS}
    merged = {f: getattr(instance, f, None) for f in RULE_FIELDS} if instance else {}
    merged.update(cleaned)
    if not (merged.get("name") or "").strip():
        problems.add("name", _("Enter a name."), CommonErrorCode.REQUIRED)
    if merged.get("kind") not in PriceRule.Kind.values:
        problems.add("kind", _("Choose percent or rupiah off."), CommonErrorCode.REQUIRED)
    value = merged.get("value")
    if value is None or Decimal(value) <= 0 or (
            merged.get("kind") == PriceRule.Kind.PERCENT and Decimal(value) > 100):
        problems.add("value", _("Give a discount above zero (at most 100 percent)."),
                     CommonErrorCode.INVALID)
    scopes = [s for s in ("category", "seller", "product") if merged.get(s) is not None]
    if len(scopes) > 1:
        problems.add(scopes[1], _("A rule is for all products, or one category, seller or "
                                  "product."), CommonErrorCode.INVALID)
    for scope in scopes:
        if merged[scope].cooperative_id != cooperative.pk:
            problems.add(scope, _("Not found."), CommonErrorCode.NOT_FOUND)
    if merged.get("starts_at") and merged.get("ends_at") and (
            merged["ends_at"] <= merged["starts_at"]):
        problems.add("ends_at", _("The end must be after the start."), CommonErrorCode.INVALID)
    problems.raise_if_any()
    if instance is None:
        return PriceRule.objects.create(cooperative=cooperative, **cleaned)
    for field, value in cleaned.items():
        setattr(instance, field, value)
    instance.save()
    return instance


@transaction.atomic
def price_rule_delete(rule: PriceRule) -> None:
    rule.delete()

"""Vouchers: what they take off, whether they may be used, and using one up."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems
from catalog.selectors import category_subtree_ids
from orders.error_codes import CheckoutErrorCode

from ..models import Order, OrderStatus, Voucher

VOUCHER_FIELDS = ("code", "kind", "value", "min_spend", "starts_at", "ends_at", "usage_limit",
                  "per_customer_limit", "category", "seller", "is_active")


def _error(message, code: str) -> ValidationError:
    return ValidationError({"voucher": ValidationError(message, code=code)})


@transaction.atomic
def voucher_save(cooperative, data: dict, instance: Voucher | None = None) -> Voucher:
    problems = Problems()
    cleaned = {k: v for k, v in data.items() if k in VOUCHER_FIELDS}
    if "code" in cleaned:
        cleaned["code"] = (cleaned["code"] or "").strip().upper()
    merged = {f: getattr(instance, f, None) for f in VOUCHER_FIELDS} if instance else {}
    merged.update(cleaned)
    if not merged.get("code"):
        problems.add("code", _("Enter a code."), CommonErrorCode.REQUIRED)
    elif Voucher.objects.of(cooperative).filter(code=merged["code"]).exclude(
            pk=getattr(instance, "pk", None)).exists():
        problems.add("code", _("Another voucher has this code."), CommonErrorCode.UNIQUE)
    if merged.get("kind") not in Voucher.Kind.values:
        problems.add("kind", _("Choose percent or rupiah off."), CommonErrorCode.REQUIRED)
    value = merged.get("value") or 0
    if value <= 0 or (merged.get("kind") == Voucher.Kind.PERCENT and value > 100):
        problems.add("value", _("Give a discount above zero (at most 100 percent)."),
                     CommonErrorCode.INVALID)
    if merged.get("category") is not None and merged.get("seller") is not None:
        problems.add("seller", _("A voucher is for all products, one category or one seller."),
                     CommonErrorCode.INVALID)
    for scope in ("category", "seller"):
        if merged.get(scope) is not None and merged[scope].cooperative_id != cooperative.pk:
            problems.add(scope, _("Not found."), CommonErrorCode.NOT_FOUND)
    if merged.get("starts_at") and merged.get("ends_at") and merged["ends_at"] <= merged[
            "starts_at"]:
        problems.add("ends_at", _("The end must be after the start."), CommonErrorCode.INVALID)
    problems.raise_if_any()
    if instance is None:
        return Voucher.objects.create(cooperative=cooperative, **cleaned)
    for field, value in cleaned.items():
        setattr(instance, field, value)
    instance.save()
    return instance


def _applies(voucher: Voucher, priced_lines) -> list[bool]:
    """Which lines the voucher applies to: all, those of its category (and below), or its
    seller's."""
    if voucher.category_id:
        ids = category_subtree_ids(voucher.category)
        return [p.line.variant.product.category_id in ids for p in priced_lines]
    if voucher.seller_id:
        return [p.line.variant.product.seller_id == voucher.seller_id for p in priced_lines]
    return [True for _p in priced_lines]


def applicable_subtotal(voucher: Voucher, priced_lines) -> int:
    return sum(p.total for p, hit in zip(priced_lines, _applies(voucher, priced_lines),
                                         strict=True) if hit)


def voucher_line_shares(voucher: Voucher | None, priced_lines, discount: int) -> list[int]:
    """The discount spread over the lines it applies to, in proportion to their totals, to
    the rupiah (largest remainder): refunds and seller payouts need each line's part."""
    if voucher is None or discount == 0:
        return [0 for _p in priced_lines]
    hits = _applies(voucher, priced_lines)
    base = sum(p.total for p, hit in zip(priced_lines, hits, strict=True) if hit)
    exact = [discount * p.total / base if hit else 0
             for p, hit in zip(priced_lines, hits, strict=True)]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in by_remainder[:discount - sum(shares)]:
        shares[i] += 1
    return shares


def voucher_discount(voucher: Voucher, priced_lines) -> int:
    base = applicable_subtotal(voucher, priced_lines)
    if voucher.kind == Voucher.Kind.PERCENT:
        off = (Decimal(base) * voucher.value / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return int(min(off, base))
    return min(voucher.value, base)


def voucher_check(voucher: Voucher, priced_lines, *, user=None, email: str = "",
                  now=None) -> None:
    """May this shopper use the voucher on these lines now? Raises a clear error if not."""
    now = now or timezone.now()
    if not voucher.is_active or (voucher.starts_at and voucher.starts_at > now) or (
            voucher.ends_at and voucher.ends_at <= now):
        raise _error(_("This voucher is not valid now."), CheckoutErrorCode.VOUCHER_NOT_VALID)
    base = applicable_subtotal(voucher, priced_lines)
    if base == 0:
        raise _error(_("This voucher is not for the products in your cart."),
                     CheckoutErrorCode.VOUCHER_NOT_APPLICABLE)
    if base < voucher.min_spend:
        from backend.money import format_rupiah

        raise _error(_("Spend at least %(amount)s to use this voucher.")
                     % {"amount": format_rupiah(voucher.min_spend)},
                     CheckoutErrorCode.VOUCHER_MIN_SPEND)
    if voucher.usage_limit is not None and voucher.used_count >= voucher.usage_limit:
        raise _error(_("This voucher has been used up."), CheckoutErrorCode.VOUCHER_USED_UP)
    if voucher.per_customer_limit is not None and (user is not None or email):
        uses = Order.objects.filter(voucher=voucher).exclude(status=OrderStatus.CANCELLED)
        uses = uses.filter(user=user) if getattr(user, "is_authenticated", False) else \
            uses.filter(email=email)
        if uses.count() >= voucher.per_customer_limit:
            raise _error(_("You have already used this voucher."),
                         CheckoutErrorCode.VOUCHER_USED_UP)


def voucher_by_code(cooperative, code: str) -> Voucher:
    voucher = Voucher.objects.of(cooperative).filter(code=(code or "").strip().upper()).first()
    if voucher is None:
        raise _error(_("No voucher with this code."), CommonErrorCode.NOT_FOUND)
    return voucher


def voucher_redeem(voucher: Voucher, priced_lines, *, user=None, email: str = "") -> Voucher:
    """At checkout completion: check again under a lock on the voucher and count the use, so
    concurrent checkouts cannot use it more often than its limits allow."""
    voucher = Voucher.objects.select_for_update().get(pk=voucher.pk)
    voucher_check(voucher, priced_lines, user=user, email=email)
    Voucher.objects.filter(pk=voucher.pk).update(used_count=F("used_count") + 1)
    return voucher

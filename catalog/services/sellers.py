"""Sellers: registration, their details, and the manager's approval."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts.phone import normalize_phone
from backend.addresses import IndonesianAddress
from backend.error_codes import CommonErrorCode
from backend.validation import Problems, check_model_fields
from catalog.error_codes import CatalogErrorCode

from .. import search
from ..models import FoodPermitKind, ModerationAction, Seller, SellerStatus
from .common import record, unique_slug

DETAIL_FIELDS = (
    "business_name", "owner_name", "phone", "email", "story", "nib", "bank_name",
    "bank_account_number", "bank_account_holder", "member_number",
    "halal_certificate_number", "halal_certificate_expires", "food_permit_kind",
    "food_permit_number", "food_permit_expires", *IndonesianAddress.ADDRESS_FIELDS,
)


def _clean(data: dict, *, creating: bool) -> dict:
    problems = Problems()
    cleaned = {k: v for k, v in data.items() if k in DETAIL_FIELDS}
    check_model_fields(problems, Seller, cleaned)
    for field in ("business_name", "owner_name", "phone"):
        if creating or field in cleaned:
            cleaned[field] = (cleaned.get(field) or "").strip()
            if not cleaned[field]:
                problems.add(field, _("This field is required."), CommonErrorCode.REQUIRED)
    if cleaned.get("phone"):
        try:
            cleaned["phone"] = normalize_phone(cleaned["phone"])
        except ValidationError as error:
            problems.merge("phone", error)
    if cleaned.get("email"):
        try:
            validate_email(cleaned["email"])
            cleaned["email"] = cleaned["email"].strip().lower()
        except ValidationError:
            problems.add("email", _("Enter a valid email address."), CommonErrorCode.INVALID)
    if cleaned.get("nib") and not (cleaned["nib"].isdigit() and len(cleaned["nib"]) == 13):
        problems.add("nib", _("An NIB has 13 digits."), CommonErrorCode.INVALID)
    if cleaned.get("bank_account_number") and not cleaned["bank_account_number"].replace(
            "-", "").replace(" ", "").isdigit():
        problems.add("bank_account_number", _("A bank account number has only digits."),
                     CommonErrorCode.INVALID)
    if cleaned.get("food_permit_kind", "") not in FoodPermitKind.values:
        problems.add("food_permit_kind", _("Choose P-IRT or BPOM MD."), CommonErrorCode.INVALID)
    if cleaned.get("food_permit_kind") and not cleaned.get("food_permit_number"):
        problems.add("food_permit_number", _("Enter the permit number."), CommonErrorCode.REQUIRED)
    if cleaned.get("halal_certificate_expires") and not cleaned.get("halal_certificate_number"):
        problems.add("halal_certificate_number", _("Enter the certificate number."),
                     CommonErrorCode.REQUIRED)
    for field in ("halal_certificate_expires", "food_permit_expires"):
        value = cleaned.get(field)
        if value is not None and not isinstance(value, datetime.date):
            problems.add(field, _("Enter a date."), CommonErrorCode.INVALID)
    problems.raise_if_any()
    return cleaned


@transaction.atomic
def seller_register(cooperative, owner, data: dict, *, as_cooperative: bool = False) -> Seller:
    """A new seller waits for a manager's approval; the cooperative's own is approved."""
    cleaned = _clean(data, creating=True)
    if owner is not None and Seller.objects.filter(cooperative=cooperative, owner=owner,
                                                   is_cooperative_itself=False).exists() \
            and not as_cooperative:
        raise ValidationError({"business_name": ValidationError(
            _("You already have a shop in this cooperative."),
            code=CatalogErrorCode.ALREADY_REGISTERED)})
    seller = Seller.objects.create(
        cooperative=cooperative, owner=None if as_cooperative else owner,
        slug=unique_slug(Seller, cooperative, cleaned["business_name"]),
        is_cooperative_itself=as_cooperative,
        status=SellerStatus.APPROVED if as_cooperative else SellerStatus.PENDING,
        **cleaned,
    )
    record(cooperative, ModerationAction.SELLER_REGISTERED, owner, seller=seller)
    return seller


PERMIT_FIELDS = ("halal_certificate_number", "halal_certificate_expires", "food_permit_kind",
                 "food_permit_number", "food_permit_expires")


@transaction.atomic
def seller_update(seller: Seller, data: dict, actor=None) -> Seller:
    """A seller's own change of a permit does not bring hidden food products back: a manager
    confirms the renewed permit first (seller_permits_confirm)."""
    cleaned = _clean(data, creating=False)
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    for field, value in cleaned.items():
        setattr(seller, field, value)
    seller.save()
    if "business_name" in cleaned:
        search.seller_changed(seller)
    if any(f in cleaned for f in PERMIT_FIELDS):
        if is_manager_of_sellers(actor, seller):
            from .permits import show_food_again_if_permit_renewed

            show_food_again_if_permit_renewed(seller)
        else:
            record(seller.cooperative, ModerationAction.SELLER_PERMIT_CHANGED, actor,
                   seller=seller, changes={f: str(cleaned[f]) for f in PERMIT_FIELDS
                                           if f in cleaned})
    return seller


def is_manager_of_sellers(user, seller: Seller) -> bool:
    from backend.accounts.permissions import Permission
    from backend.accounts.selectors import has_permission

    return has_permission(user, seller.cooperative, Permission.MANAGE_SELLERS)


@transaction.atomic
def seller_permits_confirm(seller: Seller, actor) -> int:
    """A manager has seen the renewed permit: food products hidden for it come back."""
    from .permits import show_food_again_if_permit_renewed

    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    shown = show_food_again_if_permit_renewed(seller)
    record(seller.cooperative, ModerationAction.SELLER_PERMIT_CONFIRMED, actor, seller=seller)
    return shown


def _set_status(seller: Seller, actor, status: str, action: str, reason: str,
                allowed_from: set[str]) -> Seller:
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    if seller.status not in allowed_from:
        raise ValidationError({"id": ValidationError(
            _("A seller that is %(status)s cannot be changed this way.")
            % {"status": seller.get_status_display().lower()},
            code=CatalogErrorCode.INVALID_STATUS)})
    seller.status, seller.status_reason = status, reason
    seller.save(update_fields=["status", "status_reason", "updated_at"])
    search.seller_changed(seller, texts=False)
    record(seller.cooperative, action, actor, seller=seller, reason=reason)
    return seller


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(
            _("Tell the seller why, so they can put it right."), code=CommonErrorCode.REQUIRED)})
    return reason


@transaction.atomic
def seller_approve(seller: Seller, actor) -> Seller:
    return _set_status(seller, actor, SellerStatus.APPROVED, ModerationAction.SELLER_APPROVED,
                       "", {SellerStatus.PENDING, SellerStatus.REJECTED, SellerStatus.SUSPENDED})


@transaction.atomic
def seller_reject(seller: Seller, actor, reason: str) -> Seller:
    return _set_status(seller, actor, SellerStatus.REJECTED, ModerationAction.SELLER_REJECTED,
                       _require_reason(reason), {SellerStatus.PENDING})


@transaction.atomic
def seller_suspend(seller: Seller, actor, reason: str) -> Seller:
    """Hides every product of the seller at once (shoppers see approved sellers only)."""
    return _set_status(seller, actor, SellerStatus.SUSPENDED, ModerationAction.SELLER_SUSPENDED,
                       _require_reason(reason), {SellerStatus.APPROVED})

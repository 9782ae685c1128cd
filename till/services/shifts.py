"""Shifts: a cashier opens the till at a store with a cash float, moves petty cash in and out,
and closes it once, counting the drawer against what each payment method should hold."""

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.permissions import Permission, Role
from backend.accounts.selectors import has_permission, staff_role
from backend.error_codes import CommonErrorCode
from backend.validation import LARGEST_RUPIAH, Problems
from inventory.models import LocationKind

from ..error_codes import TillErrorCode
from ..models import CashMove, Shift, TillStaff
from ..selectors import shift_expected


def _error(field: str, message: str, code) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def is_till_manager(user, cooperative) -> bool:
    return getattr(user, "is_superuser", False) or staff_role(user, cooperative) == Role.MANAGER


def may_work_at(user, location) -> bool:
    """A manager at any store of the cooperative; a cashier or staff member only at the
    stores they are assigned to."""
    cooperative = location.cooperative
    if not has_permission(user, cooperative, Permission.HANDLE_SALES):
        return False
    return is_till_manager(user, cooperative) or TillStaff.objects.of(cooperative).filter(
        user=user, location=location).exists()


@transaction.atomic
def till_staff_assign(location, user, *, assigned: bool = True) -> TillStaff | None:
    """Let a cashier (or staff member) work the till at a store, or (assigned=False) stop."""
    problems = Problems()
    if location.kind != LocationKind.STORE:
        problems.add("location", _("A till is at a store."), CommonErrorCode.INVALID)
    if not has_permission(user, location.cooperative, Permission.HANDLE_SALES):
        problems.add("staff_member", _("Give this person a cashier or staff role first."),
                     CommonErrorCode.INVALID)
    problems.raise_if_any()
    rows = TillStaff.objects.of(location.cooperative).filter(user=user, location=location)
    if not assigned:
        rows.delete()
        return None
    return rows.first() or TillStaff.objects.create(
        cooperative_id=location.cooperative_id, user=user, location=location)


@transaction.atomic
def till_manager_pin_set(cooperative, user, pin: str) -> TillStaff:
    """A manager's PIN for discounts and refunds at the counter (4 to 8 digits)."""
    problems = Problems()
    if not is_till_manager(user, cooperative):
        problems.add("user", _("Only a manager has a till PIN."), CommonErrorCode.INVALID)
    if not (pin or "").isdigit() or not 4 <= len(pin) <= 8:
        problems.add("pin", _("A PIN is 4 to 8 digits."), CommonErrorCode.INVALID)
    problems.raise_if_any()
    row, _created = TillStaff.objects.update_or_create(
        cooperative=cooperative, user=user, location=None,
        defaults={"pin_hash": make_password(pin)})
    return row


def manager_for_pin(cooperative, pin: str, field: str = "manager_pin"):
    """The manager whose PIN this is, or a coded error (none given, or wrong)."""
    if not pin:
        raise _error(field, _("A manager's PIN is needed for this."),
                     TillErrorCode.MANAGER_PIN_REQUIRED)
    for row in TillStaff.objects.of(cooperative).filter(location=None).exclude(
            pin_hash="").select_related("user"):
        if is_till_manager(row.user, cooperative) and check_password(pin, row.pin_hash):
            return row.user
    raise _error(field, _("This PIN is not a manager's PIN."), TillErrorCode.MANAGER_PIN_WRONG)


@transaction.atomic
def till_shift_open(location, cashier, *, opening_float: int = 0) -> Shift:
    problems = Problems()
    if location.kind != LocationKind.STORE or not location.is_active or not may_work_at(
            cashier, location):
        problems.add("location", _("You cannot open a till at this store."),
                     TillErrorCode.NOT_YOUR_STORE)
    if not isinstance(opening_float, int) or not 0 <= opening_float <= LARGEST_RUPIAH:
        problems.add("opening_float", _("Give the cash in the drawer, zero or more."),
                     CommonErrorCode.INVALID)
    problems.raise_if_any()
    if Shift.objects.filter(cashier=cashier, location=location, closed_at=None).exists():
        raise _error("location", _("You already have a shift open at this store."),
                     TillErrorCode.SHIFT_ALREADY_OPEN)
    return Shift.objects.create(cooperative_id=location.cooperative_id, location=location,
                                cashier=cashier, opening_float=opening_float)


def _check_hands(shift: Shift, actor) -> None:
    if actor.pk != shift.cashier_id and not is_till_manager(actor, shift.cooperative):
        raise _error("shift", _("This is another cashier's shift."),
                     TillErrorCode.NOT_YOUR_SHIFT)


def _locked_open(shift: Shift) -> Shift:
    shift = Shift.objects.select_for_update().select_related("cooperative", "location").get(
        pk=shift.pk)
    if shift.closed_at is not None:
        raise _error("shift", _("This shift is already closed."), TillErrorCode.SHIFT_CLOSED)
    return shift


@transaction.atomic
def till_cash_move(shift: Shift, actor, *, amount: int, reason: str) -> CashMove:
    """Petty cash: positive puts cash in the drawer, negative takes it out."""
    problems = Problems()
    if not isinstance(amount, int) or amount == 0 or abs(amount) > LARGEST_RUPIAH:
        problems.add("amount", _("Give an amount (negative takes cash out)."),
                     CommonErrorCode.INVALID)
    if not (reason or "").strip():
        problems.add("reason", _("Say why the cash moves."), TillErrorCode.REASON_REQUIRED)
    problems.raise_if_any()
    _check_hands(shift, actor)
    shift = _locked_open(shift)
    return CashMove.objects.create(cooperative_id=shift.cooperative_id, shift=shift,
                                   amount=amount, reason=reason.strip()[:255], actor=actor)


@transaction.atomic
def till_shift_close(shift: Shift, actor, *, counted_cash: int, reason: str = "") -> Shift:
    """Close once: the cash counted against the cash expected; a difference needs a reason."""
    if not isinstance(counted_cash, int) or not 0 <= counted_cash <= LARGEST_RUPIAH:
        raise _error("counted_cash", _("Give the cash counted, zero or more."),
                     CommonErrorCode.INVALID)
    _check_hands(shift, actor)
    shift = _locked_open(shift)
    expected = shift_expected(shift)
    difference = counted_cash - expected["cash"]
    if difference and not (reason or "").strip():
        raise _error("reason", _("The drawer is %(diff)s off: say why.") % {
            "diff": difference}, TillErrorCode.REASON_REQUIRED)
    shift.closed_at, shift.closed_by = timezone.now(), actor
    shift.counted_cash, shift.expected, shift.difference = counted_cash, expected, difference
    shift.difference_reason = (reason or "").strip()[:255]
    shift.save()
    return shift

"""Paying simpanan wajib. One entry point, `dues_pay`, for every path: staff recording cash
or a transfer, a member's transfer receipt once staff confirm it, and later the payments
domain (QRIS / virtual account: call `dues_pay(member, amount, channel="online",
reference=<payment id>, idempotency_key=<payment id>)` from its hook) and the till."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import LARGEST_RUPIAH, Problems
from members.models import Member
from payments.hooks import PayableHandler

from ..error_codes import SavingsErrorCode
from ..models import DuesReceipt, EntryType, PaymentChannel, SavingsEntry
from .dues import dues_status
from .dues_settings import dues_kind
from .ledger import Movement, savings_record


def dues_pay(member, amount: int, *, channel: str, reference: str = "",
             idempotency_key: str = "", actor=None,
             booked_on: datetime.date | None = None) -> SavingsEntry:
    """Record a dues payment; the same payment twice (same key, or same receipt reference)
    counts once."""
    if channel not in PaymentChannel.values:
        raise ValidationError({"channel": ValidationError(_("Choose how it was paid."),
                                                          code=CommonErrorCode.INVALID)})
    return savings_record(member, dues_kind(member.cooperative), Movement(
        EntryType.DEPOSIT, amount, booked_on=booked_on, channel=channel, reference=reference,
        idempotency_key=idempotency_key), actor=actor)


PAYABLE_KIND = "dues"


class DuesPayable(PayableHandler):
    """Dues paid online through the payments domain (QRIS, virtual account): a payment
    attempt of kind "dues" names the member by `payable_id`; its money becomes a deposit
    to the wajib account, once, whatever how often the gateway tells us."""

    def paid(self, attempt) -> bool:
        member = Member.objects.of(attempt.cooperative).filter(pk=attempt.payable_id).first()
        if member is None:
            return False
        try:
            dues_pay(member, attempt.paid_amount or attempt.amount,
                     channel=PaymentChannel.ONLINE, reference=attempt.reference,
                     idempotency_key=f"payment:{attempt.reference}")
        except ValidationError:
            return False  # a member who left, say: held for a manager
        return True

    def expired(self, attempt) -> None:
        return None


def dues_months_amount(member, months: int, today: datetime.date | None = None) -> int:
    """What paying the arrears and `months` more periods costs (offered beside an order)."""
    status = dues_status(member, today)
    return status.arrears + max(0, months) * status.next_amount


def dues_receipt_submit(member, *, amount: int, transfer_reference: str,
                        transferred_on: datetime.date) -> DuesReceipt:
    """A member says they transferred their dues; staff confirm it against the bank."""
    problems = Problems()
    if not isinstance(amount, int) or amount <= 0 or amount > LARGEST_RUPIAH // 4:
        problems.add("amount", _("The amount must be more than Rp0."), CommonErrorCode.INVALID)
    reference = (transfer_reference or "").strip()
    if not reference:
        problems.add("transfer_reference", _("Give the transfer's reference number."),
                     CommonErrorCode.REQUIRED)
    elif len(reference) > 80:
        problems.add("transfer_reference", _("This is too long."), CommonErrorCode.INVALID)
    if transferred_on > timezone.localdate():
        problems.add("transferred_on", _("The date cannot be in the future."),
                     CommonErrorCode.INVALID)
    problems.raise_if_any()
    return DuesReceipt.objects.create(cooperative=member.cooperative, member=member,
                                      amount=amount, transfer_reference=reference,
                                      transferred_on=transferred_on)


@transaction.atomic
def dues_receipt_decide(receipt: DuesReceipt, *, confirm: bool, actor=None,
                        note: str = "") -> DuesReceipt:
    """Staff confirm a receipt (the dues are recorded, once) or reject it with a note."""
    receipt = DuesReceipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.state != DuesReceipt.State.WAITING:
        raise ValidationError({"id": ValidationError(_("This receipt is already decided."),
                                                     code=SavingsErrorCode.ALREADY_DECIDED)})
    if not confirm and not note.strip():
        raise ValidationError({"note": ValidationError(_("Say why it is rejected."),
                                                       code=CommonErrorCode.REQUIRED)})
    if confirm:
        receipt.entry = dues_pay(receipt.member, receipt.amount,
                                 channel=PaymentChannel.TRANSFER,
                                 reference=receipt.transfer_reference,
                                 idempotency_key=f"dues-receipt-{receipt.pk}", actor=actor,
                                 booked_on=receipt.transferred_on)
    receipt.state = DuesReceipt.State.CONFIRMED if confirm else DuesReceipt.State.REJECTED
    receipt.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    receipt.note = note.strip()[:255]
    receipt.save()
    return receipt

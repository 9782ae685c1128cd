"""A guest finds an order again: the phone number given at checkout and the order number,
then a one-time code sent to that phone (backend/accounts/codes.py) before anything is shown.
The answer, and its limits, are the same whether or not such an order exists. Orders placed
while signed in are their shopper's alone (sign in, with a code if need be)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.accounts.codes import Recipient, code_issue, code_target, code_use
from backend.accounts.error_codes import AccountErrorCode
from backend.accounts.models import CodePurpose
from backend.error_codes import CommonErrorCode

from ..models import Order


def _number(number: str) -> str:
    number = (number or "").strip().upper()
    if not number:
        raise ValidationError({"number": ValidationError(_("Enter the order number."),
                                                         code=CommonErrorCode.REQUIRED)})
    return number


def _guest_order(cooperative, phone: str, number: str) -> Order | None:
    return Order.objects.of(cooperative).filter(number__iexact=number, phone=phone,
                                                user__isnull=True).first()


def order_lookup_request(cooperative, *, phone: str, number: str,
                         client: str = "unknown") -> None:
    """Send a code to `phone` if a guest order of this cooperative has that number and
    phone."""
    problems = {}
    try:
        number = _number(number)
    except ValidationError as error:
        problems.update(error.error_dict)
    try:
        phone = code_target(phone, "phone")
    except ValidationError as error:
        problems.update(error.error_dict)
    if problems:
        raise ValidationError(problems)
    order = _guest_order(cooperative, phone, number)
    code_issue(CodePurpose.ORDER_LOOKUP, phone, cooperative=cooperative, client=client,
               subject=f"{cooperative.pk}:{number}", field_name="phone",
               recipient=Recipient("code_order_lookup", phone=phone) if order else None)


def order_lookup_open(cooperative, *, phone: str, number: str, code: str,
                      client: str = "unknown") -> Order:
    """The guest order the right code opens."""
    number, phone = _number(number), code_target(phone, "phone")
    code_use(CodePurpose.ORDER_LOOKUP, phone, code, client=client,
             subject=f"{cooperative.pk}:{number}")
    order = _guest_order(cooperative, phone, number)
    if order is None:  # cannot happen after a right code (none was sent), but stay shut
        raise ValidationError({"code": ValidationError(
            _("The code is wrong. Check the message and try again."),
            code=AccountErrorCode.INVALID_CODE)})
    return order

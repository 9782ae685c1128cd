"""The member card: a QR code holding a signed token that names the member without the NIK.
Unlinking or re-issuing bumps the card version, which revokes every older card."""

import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode

from ..models import Member

SALT = "coop-mart member card"


def member_card_token(member: Member) -> str:
    return signing.dumps({"c": member.cooperative_id, "m": member.pk, "v": member.card_version},
                         salt=SALT, compress=True)


def member_card_qr_svg(member: Member) -> str:
    image = qrcode.make(member_card_token(member), image_factory=qrcode.image.svg.SvgPathImage,
                        box_size=12, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def member_from_card(token: str, cooperative) -> Member:
    """The member a scanned card names. The code on the phone is renewed each time the card
    is opened and is good for MEMBER_CARD_TTL, so a screenshot stops working."""
    invalid = ValidationError({"token": ValidationError(
        _("This member card is not valid here."), code=CommonErrorCode.INVALID)})
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.MEMBER_CARD_TTL)
    except signing.BadSignature:  # also SignatureExpired
        raise invalid from None
    member = Member.objects.of(cooperative).filter(pk=data.get("m")).first()
    if member is None or data.get("c") != cooperative.pk or data.get("v") != member.card_version:
        raise invalid
    return member


def member_card_revoke(member: Member) -> Member:
    """Every card shown before stops working (a lost phone, say)."""
    Member.objects.filter(pk=member.pk).update(card_version=F("card_version") + 1)
    member.refresh_from_db()
    return member

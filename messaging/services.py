"""Writes of the messaging domain. Other domains send through `message_send` only."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import StaffMembership
from backend.accounts.phone import normalize_phone
from backend.accounts.selectors import roles_with
from backend.error_codes import CommonErrorCode
from backend.ratelimit import Limit, rate_limit_hit

from .channels.sms import SMS_PROVIDERS
from .error_codes import MessagingErrorCode
from .models import Channel, ChannelSettings, Message, MessageState, OptOut
from .tasks import deliver_message
from .templates import template_get

STOP_WORDS = {"BERHENTI", "STOP"}
START_WORDS = {"MULAI", "START"}
_STATUS_RANK = {MessageState.SENT: 1, MessageState.DELIVERED: 2, MessageState.READ: 3}


class MissingVariable(ValueError):
    code = MessagingErrorCode.MISSING_VARIABLE


def _phone(raw: str) -> str:
    try:
        return normalize_phone(raw) if raw else ""
    except ValidationError:
        return ""


def message_send(cooperative, template: str, variables: dict, *, phone: str = "",
                 email: str = "", language: str | None = None, channel: str = "") -> Message:
    """Log a message to a person and send it once the current transaction commits (a
    rolled-back change sends nothing). Over MESSAGE_LIMIT_PER_RECIPIENT an hour, the message
    is logged as failed and not sent. `cooperative` None: a platform message, by e-mail.
    `channel`: the one a reply goes back by (where the person wrote from)."""
    chosen = template_get(template)
    missing = [name for name in chosen.variables if name not in variables]
    if missing:
        raise MissingVariable(f"{template}: {', '.join(missing)}")
    message = Message(cooperative=cooperative, phone=_phone(phone), email=email or "",
                      template=template, channel=channel,
                      language=language or settings.LANGUAGE_CODE,
                      variables={name: str(variables[name]) for name in chosen.variables})
    recipient = message.phone or message.email
    if rate_limit_hit("message:recipient", f"{getattr(cooperative, 'pk', 0)}:{recipient}",
                      Limit(settings.MESSAGE_LIMIT_PER_RECIPIENT, 3600)):
        message.state = MessageState.FAILED
        message.last_error_code = MessagingErrorCode.RATE_LIMITED
        message.last_error = "Too many messages to this person in the last hour."
        message.save()
        return message
    message.save()
    transaction.on_commit(lambda: deliver_message.delay(message.pk))
    return message


def staff_notify(cooperative, permission: str, template: str, variables: dict) -> list[Message]:
    """Tell everyone of the cooperative's staff whose role has `permission`."""
    staff = (StaffMembership.objects.filter(cooperative=cooperative,
                                            role__in=roles_with(permission),
                                            user__is_active=True)
             .select_related("user").order_by("pk"))
    return [message_send(cooperative, template, variables, phone=member.user.phone or "",
                         email=member.user.email or "", language=member.user.language)
            for member in staff if member.user.phone or member.user.email]


def message_retry(message: Message) -> Message:
    """Send a failed message again (from the console)."""
    if message.state != MessageState.FAILED:
        raise ValidationError({"message": ValidationError(
            _("Only a failed message can be sent again."), code=CommonErrorCode.INVALID)})
    Message.objects.filter(pk=message.pk).update(state=MessageState.QUEUED, tries=0,
                                                 due_at=timezone.now())
    transaction.on_commit(lambda: deliver_message.delay(message.pk))
    message.refresh_from_db()
    return message


def message_status_update(cooperative, provider_message_id: str, status: str,
                          error: str = "") -> bool:
    """A provider's delivery news. Order-independent: a late `delivered` never undoes
    `read`. False when no message of this cooperative has that id."""
    with transaction.atomic():
        message = (Message.objects.select_for_update()
                   .filter(cooperative=cooperative, provider_message_id=provider_message_id)
                   .exclude(provider_message_id="").first())
        if message is None:
            return False
        now = timezone.now()
        if status == MessageState.FAILED:
            if message.state not in (MessageState.DELIVERED, MessageState.READ):
                message.state = MessageState.FAILED
                message.last_error_code = MessagingErrorCode.PROVIDER_REFUSED
                message.last_error = error
        elif status in _STATUS_RANK:
            if _STATUS_RANK[status] > _STATUS_RANK.get(message.state, 0):
                message.state = status
            if status == MessageState.DELIVERED:
                message.delivered_at = message.delivered_at or now
            if status == MessageState.READ:
                message.read_at = message.read_at or now
                message.delivered_at = message.delivered_at or now
        message.save()
    return True


def message_incoming(cooperative, phone: str, text: str,
                     channel: str = Channel.WHATSAPP) -> Message | None:
    """Someone wrote to the cooperative's WhatsApp or SMS number: BERHENTI stops messages to
    that phone, MULAI starts them again, anything else gets a short help text pointing to the
    store; the answer goes back by the same channel."""
    phone = _phone(phone)
    if not phone:
        return None
    word = (text or "").strip().upper()
    facts = {"cooperative": cooperative.name,
             "link": f"{settings.PUBLIC_URL}/k/{cooperative.slug}/"}
    if word in STOP_WORDS:
        OptOut.objects.get_or_create(cooperative=cooperative, phone=phone)
        return message_send(cooperative, "reply_opted_out", facts, phone=phone,
                            channel=channel)
    if word in START_WORDS:
        OptOut.objects.filter(cooperative=cooperative, phone=phone).delete()
    return message_send(cooperative, "reply_help", facts, phone=phone, channel=channel)


def channel_settings_update(cooperative, *, channel_order=None, whatsapp_token=None,
                            whatsapp_app_secret=None, sms_key=None,
                            **fields) -> ChannelSettings:
    """Save a cooperative's channel settings; a secret left as None keeps its stored value."""
    if channel_order is not None:
        unknown = [name for name in channel_order if name not in Channel.values]
        if unknown or len(set(channel_order)) != len(channel_order):
            raise ValidationError({"channel_order": ValidationError(
                _("Give each channel at most once: whatsapp, sms, email."),
                code=CommonErrorCode.INVALID)})
    if fields.get("sms_provider") not in (None, "", *SMS_PROVIDERS):
        raise ValidationError({"sms_provider": ValidationError(
            _("Unknown SMS provider. Known: %(known)s."), code=CommonErrorCode.INVALID,
            params={"known": ", ".join(SMS_PROVIDERS)})})
    allowed = {"whatsapp_phone_number_id", "whatsapp_verify_token", "sms_provider",
               "sms_account", "sms_sender"}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(name)
        if len(value or "") > ChannelSettings._meta.get_field(name).max_length:
            raise ValidationError({name: ValidationError(_("This is too long."),
                                                         code=CommonErrorCode.INVALID)})
    with transaction.atomic():
        current, _created = ChannelSettings.objects.select_for_update().get_or_create(
            cooperative=cooperative)
        if channel_order is not None:
            current.channel_order = list(channel_order)
        for name, value in fields.items():
            setattr(current, name, value or "")
        current.set_secrets(whatsapp_token=whatsapp_token,
                            whatsapp_app_secret=whatsapp_app_secret, sms_key=sms_key)
        current.save()
    return current


"""Sending one logged message, as the Celery task does it. The log row is the idempotency key:
a worker claims it (queued -> sending) in its own transaction before calling any provider, so
a task delivered twice (a worker killed with acks late) never sends twice; a row found still
`sending` was interrupted mid-call and is marked failed rather than risk a duplicate."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .channels import Outgoing, ProviderRefused, ProviderUnavailable, channel_for
from .error_codes import MessagingErrorCode
from .models import DEFAULT_CHANNEL_ORDER, Channel, ChannelSettings, Message, MessageState, OptOut
from .templates import template_get, template_render

logger = logging.getLogger(__name__)
SETTLED = (MessageState.SENT, MessageState.DELIVERED, MessageState.READ, MessageState.FAILED)


@dataclass(frozen=True)
class Outcome:
    state: str
    retry_in: float | None = None  # seconds until the task should try again


def channel_settings_of(cooperative) -> ChannelSettings:
    return (ChannelSettings.objects.filter(cooperative=cooperative).first()
            or ChannelSettings(cooperative=cooperative))


def _claim(message_id: int) -> Message | None:
    with transaction.atomic():
        message = (Message.objects.select_for_update(of=("self",)).select_related("cooperative")
                   .filter(pk=message_id).first())
        if message is None or message.state in SETTLED:
            return None
        if message.state == MessageState.SENDING:
            _settle(message, MessageState.FAILED, MessagingErrorCode.INTERRUPTED,
                    "The worker stopped while sending; not sent again, so it cannot arrive "
                    "twice. Retry it from the console if it did not arrive.")
            return None
        message.state = MessageState.SENDING
        message.tries += 1
        message.save(update_fields=["state", "tries", "updated_at"])
        return message


def _settle(message: Message, state: str, code: str = "", error: str = "", **fields) -> None:
    message.state = state
    message.last_error_code = code
    message.last_error = error
    for name, value in fields.items():
        setattr(message, name, value)
    if state in SETTLED:  # codes are not kept in the log once they are out
        template = template_get(message.template)
        message.variables = {name: ("***" if name in template.secret else value)
                             for name, value in message.variables.items()}
    message.save()


def _channels(message: Message, template, channel_settings: ChannelSettings) -> list[str]:
    if template.is_reply:  # back where the person wrote from
        return [message.channel or Channel.WHATSAPP]
    order = list(channel_settings.channel_order or DEFAULT_CHANNEL_ORDER)
    opted_out = (message.phone and not template.is_code and OptOut.objects.filter(
        cooperative_id=message.cooperative_id, phone=message.phone).exists())
    if opted_out:
        order = [name for name in order if name == Channel.EMAIL]
    return order


def message_deliver(message_id: int) -> Outcome:
    """Try the cooperative's channels in order until one takes the message. A refusal moves
    on to the next channel; if none took it and one was only unavailable, try again later
    (backoff), up to MESSAGE_MAX_TRIES."""
    message = _claim(message_id)
    if message is None:
        return Outcome("skipped")
    template = template_get(message.template)
    subject, text = template_render(template, message.variables, message.language)
    outgoing = Outgoing(message.phone, message.email, subject, text, template,
                        message.variables, message.language)
    channel_settings = channel_settings_of(message.cooperative)
    problems, unavailable = [], False
    for name in _channels(message, template, channel_settings):
        channel = channel_for(name, channel_settings)
        if not (channel.configured() and channel.reaches(outgoing)):
            continue
        try:
            provider_id = channel.send(outgoing)
        except ProviderRefused as error:
            problems.append(f"{name}: {error}")
            continue
        except ProviderUnavailable as error:
            problems.append(f"{name}: {error}")
            unavailable = True
            continue
        _settle(message, MessageState.SENT, channel=name, provider_message_id=provider_id,
                sent_at=timezone.now(), last_error="; ".join(problems))
        return Outcome(MessageState.SENT)
    if unavailable and message.tries < settings.MESSAGE_MAX_TRIES:
        delay = min(settings.MESSAGE_RETRY_SECONDS * 2 ** (message.tries - 1), 3600)
        _settle(message, MessageState.QUEUED, MessagingErrorCode.PROVIDER_UNAVAILABLE,
                "; ".join(problems), due_at=timezone.now() + timedelta(seconds=delay))
        return Outcome(MessageState.QUEUED, retry_in=delay)
    if problems:
        code = (MessagingErrorCode.PROVIDER_UNAVAILABLE if unavailable
                else MessagingErrorCode.PROVIDER_REFUSED)
        _settle(message, MessageState.FAILED, code, "; ".join(problems))
    else:
        _settle(message, MessageState.FAILED, MessagingErrorCode.NO_CHANNEL,
                "No channel of this cooperative reaches this person.")
        if settings.DEBUG:  # development: the text is still readable in the server log
            logger.warning("Message for %s (no channel): %s", message.phone or message.email,
                           text)
    return Outcome(MessageState.FAILED)


def messages_lost(stale_seconds: float | None = None) -> list[int]:
    """The queued messages whose task was lost (a worker killed with the task in hand: Redis
    hands it back only after its visibility timeout, an hour by default), marked due now.
    Queueing one again is harmless if its task was not lost after all: the first to claim the
    row sends it, the other finds it taken."""
    stale = settings.MESSAGE_STALE_SECONDS if stale_seconds is None else stale_seconds
    ids = list(Message.objects.filter(
        state=MessageState.QUEUED, due_at__lt=timezone.now() - timedelta(seconds=stale))
        .values_list("pk", flat=True)[:5000])
    Message.objects.filter(pk__in=ids).update(due_at=timezone.now())
    return ids

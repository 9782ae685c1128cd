"""Channels behind one interface (`base.Channel`); `channel_for` picks the class by name."""

from .base import Channel, Outgoing, ProviderRefused, ProviderUnavailable
from .email import EmailChannel
from .sms import SmsChannel
from .whatsapp import WhatsAppChannel

CHANNELS: dict[str, type[Channel]] = {"whatsapp": WhatsAppChannel, "sms": SmsChannel,
                                      "email": EmailChannel}


def channel_for(name: str, settings) -> Channel:
    return CHANNELS[name](settings)


__all__ = ["CHANNELS", "Channel", "Outgoing", "ProviderRefused", "ProviderUnavailable",
           "channel_for"]

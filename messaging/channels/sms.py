"""SMS through a provider interface: one class per provider, named in the cooperative's
settings (`sms_provider`)."""

import base64
import urllib.parse
from abc import ABC, abstractmethod

from django.conf import settings as django_settings

from .base import Channel, Outgoing, ProviderRefused, http_post


class SmsProvider(ABC):
    def __init__(self, account: str, key: str, sender: str):
        self.account, self.key, self.sender = account, key, sender

    @abstractmethod
    def send(self, phone: str, text: str) -> str:
        """Send one SMS; the provider's message id."""


class TwilioProvider(SmsProvider):
    """Twilio Programmable Messaging: POST /2010-04-01/Accounts/{AccountSid}/Messages.json,
    form fields To, From, Body, HTTP Basic auth with the account SID and auth token.
    https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource"""

    def send(self, phone: str, text: str) -> str:
        url = (f"{django_settings.TWILIO_API_BASE.rstrip('/')}/2010-04-01/Accounts/"
               f"{urllib.parse.quote(self.account)}/Messages.json")
        basic = base64.b64encode(f"{self.account}:{self.key}".encode()).decode()
        answer = http_post(url, urllib.parse.urlencode(
            {"To": phone, "From": self.sender, "Body": text}).encode(),
            {"Authorization": f"Basic {basic}",
             "Content-Type": "application/x-www-form-urlencoded"})
        if not answer.get("sid"):
            raise ProviderRefused(f"unexpected answer: {str(answer)[:200]}")
        return answer["sid"]


SMS_PROVIDERS: dict[str, type[SmsProvider]] = {"twilio": TwilioProvider}


class SmsChannel(Channel):
    name = "sms"

    def configured(self) -> bool:
        return (self.settings.sms_provider in SMS_PROVIDERS and bool(self.settings.sms_account)
                and bool(self.settings.sms_key_encrypted))

    def send(self, outgoing: Outgoing) -> str:
        provider = SMS_PROVIDERS[self.settings.sms_provider](
            self.settings.sms_account, self.settings.sms_key, self.settings.sms_sender)
        return provider.send(outgoing.phone, outgoing.text)

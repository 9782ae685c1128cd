"""SMS through a provider interface: one class per provider, named in the cooperative's
settings (`sms_provider`)."""

import base64
import hashlib
import hmac
import urllib.parse
from abc import ABC, abstractmethod

from django.conf import settings as django_settings

from .base import Channel, IncomingText, Outgoing, ProviderRefused, http_post


class SmsProvider(ABC):
    def __init__(self, account: str, key: str, sender: str):
        self.account, self.key, self.sender = account, key, sender

    @abstractmethod
    def send(self, phone: str, text: str) -> str:
        """Send one SMS; the provider's message id."""

    @abstractmethod
    def incoming(self, url: str, form: dict, headers) -> IncomingText | None:
        """An SMS someone sent to the cooperative's number, as the provider posts it to
        `url`, verified as the provider documents; None when the request is not genuine."""

    # What the provider expects back from the inbound webhook.
    incoming_answer = ("", "text/plain")


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

    def incoming(self, url: str, form: dict, headers) -> IncomingText | None:
        """Twilio signs each webhook request: X-Twilio-Signature is the Base64 HMAC-SHA1, keyed
        with the auth token, of the full URL followed by every POST parameter's name and value
        sorted by name. https://www.twilio.com/docs/usage/security#validating-requests"""
        signed = url + "".join(f"{name}{form[name]}" for name in sorted(form))
        expected = base64.b64encode(hmac.new(self.key.encode(), signed.encode(),
                                             hashlib.sha1).digest()).decode()
        if not (self.key and hmac.compare_digest(expected,
                                                 headers.get("X-Twilio-Signature", ""))):
            return None
        if form.get("AccountSid") != self.account:
            return None
        return IncomingText(form.get("From", ""), form.get("Body", ""))

    # TwiML with nothing to say: the answer, if any, goes out through the message log.
    incoming_answer = ('<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
                       "text/xml")


SMS_PROVIDERS: dict[str, type[SmsProvider]] = {"twilio": TwilioProvider}


class SmsChannel(Channel):
    name = "sms"

    def configured(self) -> bool:
        return (self.settings.sms_provider in SMS_PROVIDERS and bool(self.settings.sms_account)
                and bool(self.settings.sms_key_encrypted))

    def provider(self) -> SmsProvider:
        return SMS_PROVIDERS[self.settings.sms_provider](
            self.settings.sms_account, self.settings.sms_key, self.settings.sms_sender)

    def send(self, outgoing: Outgoing) -> str:
        return self.provider().send(outgoing.phone, outgoing.text)

"""What every channel does: say whether it can reach a recipient, and send one message,
answering the provider's message id or raising one of two failures."""

import json
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from dataclasses import dataclass

TIMEOUT_SECONDS = 15


class ProviderRefused(Exception):
    """The provider will not take this message (a wrong number, not on WhatsApp, a bad
    template): trying again will not help; the next channel may."""


class ProviderUnavailable(Exception):
    """The provider could not be reached or failed (5xx, time-out): worth trying again."""


@dataclass(frozen=True)
class Outgoing:
    phone: str  # +62..., or ""
    email: str
    subject: str
    text: str
    template: object  # messaging.templates.Template
    variables: dict
    language: str


@dataclass(frozen=True)
class IncomingText:
    """Someone wrote to the cooperative (WhatsApp or SMS)."""

    phone: str
    text: str


class Channel(ABC):
    name = ""

    def __init__(self, settings):
        self.settings = settings  # the cooperative's ChannelSettings (may be unsaved)

    @abstractmethod
    def configured(self) -> bool:
        """Has the cooperative given this channel what it needs (keys, sender)?"""

    def reaches(self, outgoing: Outgoing) -> bool:
        return bool(outgoing.phone)

    @abstractmethod
    def send(self, outgoing: Outgoing) -> str:
        """Send one message; the provider's message id, or ProviderRefused/Unavailable."""


def http_post(url: str, body: bytes, headers: dict) -> dict:
    """POST and decode a JSON answer; 4xx is ProviderRefused, 5xx and network trouble are
    ProviderUnavailable. Provider addresses come from settings, never from users."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        detail = error.read()[:500].decode(errors="replace")
        if 400 <= error.code < 500 and error.code != 429:
            raise ProviderRefused(f"HTTP {error.code}: {detail}") from None
        raise ProviderUnavailable(f"HTTP {error.code}: {detail}") from None
    except (OSError, ValueError) as error:
        raise ProviderUnavailable(str(error)) from None

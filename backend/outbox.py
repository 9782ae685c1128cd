"""How code below messaging/ sends a message: through the sender messaging registers at
start-up (messaging.apps.MessagingConfig.ready). backend/ sits below messaging/ and never
imports it; this hook is the one way down-floor code reaches people (WhatsApp, SMS, e-mail,
logged and retried like every other message)."""

from collections.abc import Callable

_sender: Callable | None = None


def sender_register(sender: Callable) -> None:
    """`sender(cooperative, template, variables, *, phone, email, language)` logs a message
    and sends it once the current transaction commits."""
    global _sender
    _sender = sender


def message_send(cooperative, template: str, variables: dict, *, phone: str = "",
                 email: str = "", language: str | None = None):
    if _sender is None:
        raise RuntimeError("No message sender registered: is messaging in INSTALLED_APPS?")
    return _sender(cooperative, template, variables, phone=phone or "", email=email or "",
                   language=language)

"""How messages reach people: one-time codes to members (settings.MEMBER_CODE_SENDER) and
order news to shoppers and sellers (settings.ORDER_NOTIFICATION_SENDER). An SMS or WhatsApp
gateway is one more class with a `send` method."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class ConsoleSender:
    """Development: the code appears in the server log."""

    def send(self, *, phone: str, email: str, message: str, subject: str = "") -> None:
        logger.warning("Message for %s: %s", phone or email, message)


class EmailSender(ConsoleSender):
    """E-mail when the register has an address; otherwise the log."""

    def send(self, *, phone: str, email: str, message: str, subject: str = "") -> None:
        if email:
            send_mail(subject or "coop-mart", message, settings.DEFAULT_FROM_EMAIL, [email])
        else:
            super().send(phone=phone, email=email, message=message)


class OutboxSender:
    """Keeps messages in memory, like Django's locmem e-mail backend; for tests, where no
    SMS gateway can be reached."""

    outbox: list[dict] = []

    def send(self, *, phone: str, email: str, message: str, subject: str = "") -> None:
        self.outbox.append({"phone": phone, "email": email, "message": message,
                            "subject": subject})


def code_sender():
    return import_string(settings.MEMBER_CODE_SENDER)()


def order_sender():
    return import_string(settings.ORDER_NOTIFICATION_SENDER)()

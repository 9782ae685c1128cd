"""E-mail through Django's mail settings (SMTP in production)."""

import smtplib

from django.conf import settings as django_settings
from django.core.mail import send_mail

from .base import Channel, Outgoing, ProviderUnavailable


class EmailChannel(Channel):
    name = "email"

    def configured(self) -> bool:
        return True

    def reaches(self, outgoing: Outgoing) -> bool:
        return bool(outgoing.email)

    def send(self, outgoing: Outgoing) -> str:
        try:
            send_mail(outgoing.subject, outgoing.text, django_settings.DEFAULT_FROM_EMAIL,
                      [outgoing.email])
        except (OSError, smtplib.SMTPException) as error:
            raise ProviderUnavailable(str(error)) from None
        return ""

"""The message log (one row per message: the idempotency key of its sending), who said
BERHENTI, and each cooperative's channel settings (secrets encrypted, like NIK)."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import Cooperative
from backend.crypto import decrypt, encrypt


class Channel(models.TextChoices):
    WHATSAPP = "whatsapp", "WhatsApp"
    SMS = "sms", "SMS"
    EMAIL = "email", _("e-mail")


DEFAULT_CHANNEL_ORDER = [Channel.WHATSAPP, Channel.SMS, Channel.EMAIL]


class MessageState(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    DELIVERED = "delivered", _("delivered")
    READ = "read", _("read")
    FAILED = "failed", _("failed")


class Message(models.Model):
    # Empty for the few messages sent outside any cooperative (a password link asked for
    # through the API without one, on a deployment of many): those go by e-mail only.
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="messages")
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    template = models.CharField(max_length=50)
    variables = models.JSONField(default=dict)
    language = models.CharField(max_length=10, default="id")
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    state = models.CharField(max_length=10, choices=MessageState.choices,
                             default=MessageState.QUEUED)
    provider_message_id = models.CharField(max_length=200, blank=True)
    tries = models.PositiveIntegerField(default=0)
    # When a queued message is due (now, or after a retry's backoff): the sweep that re-queues
    # messages whose task was lost goes by it.
    due_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    last_error_code = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["cooperative", "-created_at"]),
                   models.Index(fields=["state", "due_at"]),
                   models.Index(fields=["provider_message_id"])]

    def __str__(self):
        return f"{self.template} to {self.phone or self.email} ({self.state})"


class OptOut(models.Model):
    """A phone that sent BERHENTI: no more WhatsApp or SMS from this cooperative."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE,
                                    related_name="message_opt_outs")
    phone = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative", "phone"],
                                               name="messaging_one_opt_out_per_phone")]

    def __str__(self):
        return self.phone


class ChannelSettings(models.Model):
    """How one cooperative reaches people. Tokens and secrets are stored encrypted."""

    cooperative = models.OneToOneField(Cooperative, on_delete=models.CASCADE,
                                       related_name="channel_settings")
    channel_order = ArrayField(models.CharField(max_length=10, choices=Channel.choices),
                               default=list, blank=True)
    whatsapp_phone_number_id = models.CharField(max_length=40, blank=True)
    whatsapp_token_encrypted = models.TextField(blank=True)
    whatsapp_app_secret_encrypted = models.TextField(blank=True)
    whatsapp_verify_token = models.CharField(max_length=100, blank=True)
    sms_provider = models.CharField(max_length=20, blank=True)
    sms_account = models.CharField(max_length=100, blank=True)
    sms_key_encrypted = models.TextField(blank=True)
    sms_sender = models.CharField(max_length=20, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"channels of {self.cooperative_id}"

    whatsapp_token = property(lambda self: decrypt(self.whatsapp_token_encrypted))
    whatsapp_app_secret = property(lambda self: decrypt(self.whatsapp_app_secret_encrypted))
    sms_key = property(lambda self: decrypt(self.sms_key_encrypted))

    def set_secrets(self, *, whatsapp_token=None, whatsapp_app_secret=None, sms_key=None):
        if whatsapp_token is not None:
            self.whatsapp_token_encrypted = encrypt(whatsapp_token)
        if whatsapp_app_secret is not None:
            self.whatsapp_app_secret_encrypted = encrypt(whatsapp_app_secret)
        if sms_key is not None:
            self.sms_key_encrypted = encrypt(sms_key)

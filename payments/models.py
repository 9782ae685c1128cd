"""Payment attempts for anything payable (an online order now; a till sale or member dues
later), the gateway notifications received (each recorded once), the money given back, and
each cooperative's gateway settings (keys encrypted, like NIK)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import Cooperative, TenantModel
from backend.crypto import decrypt, encrypt


class Provider(models.TextChoices):
    MIDTRANS = "midtrans", "Midtrans"
    XENDIT = "xendit", "Xendit"
    STATIC_QRIS = "static_qris", _("The cooperative's own QRIS")
    STRIPE = "stripe", "Stripe"


class Method(models.TextChoices):
    QRIS = "qris", "QRIS"
    VA_BCA = "va_bca", _("BCA virtual account")
    VA_BNI = "va_bni", _("BNI virtual account")
    VA_BRI = "va_bri", _("BRI virtual account")
    VA_MANDIRI = "va_mandiri", _("Mandiri virtual account")
    VA_PERMATA = "va_permata", _("Permata virtual account")
    GOPAY = "gopay", "GoPay"
    SHOPEEPAY = "shopeepay", "ShopeePay"
    OVO = "ovo", "OVO"
    DANA = "dana", "DANA"
    HOSTED = "hosted", _("The gateway's payment page")
    STATIC_QRIS = "static_qris", _("QRIS of the cooperative")
    CARD = "card", _("Card")


VA_METHODS = frozenset({Method.VA_BCA, Method.VA_BNI, Method.VA_BRI, Method.VA_MANDIRI,
                        Method.VA_PERMATA})
EWALLET_METHODS = frozenset({Method.GOPAY, Method.SHOPEEPAY, Method.OVO, Method.DANA})
QR_METHODS = frozenset({Method.QRIS, Method.STATIC_QRIS})


class AttemptState(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    PAID = "paid", _("Paid")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")
    HELD = "held", _("Held for a manager")


class HeldReason(models.TextChoices):
    AMOUNT_MISMATCH = "amount_mismatch", _("The amount paid differs from the amount asked")
    LATE = "late", _("Paid after the payment expired or the order was cancelled")
    ALREADY_PAID = "already_paid", _("Paid twice: the order was already paid")


class PaymentAttempt(TenantModel):
    """One try to take money for one payable through one gateway and method. `reference` is
    the id we give the gateway (Midtrans order_id, Xendit external_id / reference_id)."""

    payable_kind = models.CharField(max_length=20)
    payable_id = models.BigIntegerField()
    provider = models.CharField(max_length=20, choices=Provider.choices)
    method = models.CharField(max_length=20, choices=Method.choices)
    amount = models.BigIntegerField(help_text="Whole rupiah asked, fee included if shown.")
    fee = models.BigIntegerField(default=0, help_text="The gateway fee the shopper pays.")
    state = models.CharField(max_length=10, choices=AttemptState.choices,
                             default=AttemptState.PENDING)
    reference = models.CharField(max_length=50)
    provider_reference = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    instructions = models.JSONField(default=dict, blank=True)
    paid_amount = models.BigIntegerField(default=0)
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_amount = models.BigIntegerField(default=0)
    held_reason = models.CharField(max_length=20, choices=HeldReason.choices, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["payable_kind", "payable_id"]),
                   models.Index(fields=["state", "created_at"]),
                   models.Index(fields=["cooperative", "-created_at"])]
        constraints = [models.UniqueConstraint(fields=["cooperative", "reference"],
                                               name="payment_attempt_reference_unique")]

    def __str__(self):
        return f"{self.reference} {self.method} {self.amount} {self.state}"


class PaymentEvent(models.Model):
    """A gateway notification, recorded once per (cooperative, provider, event id) before it
    is acted on: a duplicate finds its row and changes nothing."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=200)
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    attempt = models.ForeignKey(PaymentAttempt, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="events")
    payload = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative", "provider", "event_id"],
                                               name="payment_event_once")]

    def __str__(self):
        return f"{self.provider}:{self.event_id}"


class PaymentRefund(TenantModel):
    """Money given back (append-only): through the gateway, or by hand (`manual`)."""

    attempt = models.ForeignKey(PaymentAttempt, on_delete=models.PROTECT,
                                related_name="refunds")
    amount = models.BigIntegerField()
    manual = models.BooleanField(default=False)
    provider_reference = models.CharField(max_length=100, blank=True)
    reason = models.CharField(max_length=255)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.amount} for {self.attempt_id}"


class FeeMode(models.TextChoices):
    ABSORBED = "absorbed", _("The cooperative pays the gateway fee")
    SHOWN = "shown", _("The shopper pays the gateway fee (shown before paying)")


class GatewaySettings(models.Model):
    """How one cooperative takes online payments: its gateway account (keys encrypted), the
    methods it offers, who pays the fee, how long a QRIS or a virtual account stays open,
    and the payload of its own printed QRIS."""

    cooperative = models.OneToOneField(Cooperative, on_delete=models.CASCADE,
                                       related_name="gateway_settings")
    provider = models.CharField(max_length=20, blank=True,
                                choices=[(Provider.MIDTRANS, "Midtrans"),
                                         (Provider.XENDIT, "Xendit")])
    is_production = models.BooleanField(default=False)
    midtrans_client_key = models.CharField(max_length=100, blank=True)
    midtrans_server_key_encrypted = models.TextField(blank=True)
    xendit_secret_key_encrypted = models.TextField(blank=True)
    xendit_callback_token_encrypted = models.TextField(blank=True)
    methods = ArrayField(models.CharField(max_length=20, choices=Method.choices),
                         default=list, blank=True)
    fee_mode = models.CharField(max_length=10, choices=FeeMode.choices,
                                default=FeeMode.ABSORBED)
    qris_expiry_minutes = models.PositiveIntegerField(default=15)
    va_expiry_minutes = models.PositiveIntegerField(default=1440)
    static_qris_payload = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"gateway of {self.cooperative_id}: {self.provider or '-'}"

    midtrans_server_key = property(lambda self: decrypt(self.midtrans_server_key_encrypted))
    xendit_secret_key = property(lambda self: decrypt(self.xendit_secret_key_encrypted))
    xendit_callback_token = property(
        lambda self: decrypt(self.xendit_callback_token_encrypted))

    def set_secrets(self, *, midtrans_server_key=None, xendit_secret_key=None,
                    xendit_callback_token=None):
        if midtrans_server_key is not None:
            self.midtrans_server_key_encrypted = encrypt(midtrans_server_key)
        if xendit_secret_key is not None:
            self.xendit_secret_key_encrypted = encrypt(xendit_secret_key)
        if xendit_callback_token is not None:
            self.xendit_callback_token_encrypted = encrypt(xendit_callback_token)

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import TenantModel

# Orders paid online (QRIS, virtual account, e-wallet) are payables of the payments domain.
PAYABLE_KIND = "order"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SUCCEEDED = "succeeded", _("Paid")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Payment(TenantModel):
    """One attempt to take the money for a checkout through a gateway. Created before the
    order exists (the shopper may pay before completing), linked to it when it is placed."""

    checkout_token = models.UUIDField(db_index=True)
    order = models.ForeignKey("Order", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="payments")
    method = models.CharField(max_length=20)
    amount = models.BigIntegerField(help_text="Whole rupiah.")
    status = models.CharField(max_length=10, choices=PaymentStatus.choices,
                              default=PaymentStatus.PENDING)
    refunded_amount = models.BigIntegerField(default=0)
    psp_reference = models.CharField(max_length=100, blank=True,
                                     help_text="The gateway's id, such as a PaymentIntent.")
    client_secret = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["psp_reference"], condition=~models.Q(psp_reference=""),
            name="payment_psp_reference_unique")]


class Refund(TenantModel):
    """Money given back, whole or for some lines, through the gateway that took it (or by
    hand for cash and transfers)."""

    order = models.ForeignKey("Order", on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="refunds")
    amount = models.BigIntegerField()
    reason = models.CharField(max_length=255)
    psp_reference = models.CharField(max_length=100, blank=True)
    restock = models.BooleanField(default=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class RefundLine(models.Model):
    refund = models.ForeignKey(Refund, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey("OrderLine", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField()
    amount = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.quantity} x {self.order_line_id}"


class WebhookEvent(models.Model):
    """Gateway events already applied: each event id is processed once."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=100)
    kind = models.CharField(max_length=60)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"],
                                               name="webhook_event_once")]

    def __str__(self) -> str:
        return f"{self.provider}:{self.event_id}"

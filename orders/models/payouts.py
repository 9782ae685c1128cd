from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import TenantModel


class CategoryCommission(TenantModel):
    """The cooperative's commission for a category and everything under it, instead of its
    default; the nearest category with one wins."""

    category = models.OneToOneField("catalog.Category", on_delete=models.CASCADE,
                                    related_name="commission")
    percent = models.DecimalField(
        max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))])


class PayoutEntry(TenantModel):
    """What a seller is owed for a completed line (or gives back for a refund after it)."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Sale")
        REFUND = "refund", _("Refund")

    seller = models.ForeignKey("catalog.Seller", on_delete=models.PROTECT,
                               related_name="payout_entries")
    order_line = models.ForeignKey("OrderLine", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="payout_entries")
    line_key = models.CharField(
        max_length=80, blank=True,
        help_text="The sold line of another channel (a till sale line: till:<pk>); its "
                  "entries are tied by this instead of order_line.")
    item_name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reference = models.CharField(max_length=80)
    quantity = models.IntegerField()
    gross = models.BigIntegerField()
    commission_percent = models.DecimalField(max_digits=5, decimal_places=2)
    commission = models.BigIntegerField()
    amount = models.BigIntegerField(help_text="Gross minus commission.")
    payout = models.ForeignKey("SellerPayout", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="entries")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order_line", "reference"],
                                    name="one_payout_entry_per_event"),
            models.UniqueConstraint(fields=["cooperative", "line_key", "reference"],
                                    condition=~models.Q(line_key=""),
                                    name="one_payout_entry_per_event_of_a_line_key"),
        ]
        indexes = [models.Index(fields=["seller", "payout"])]

    @property
    def sale_number(self) -> str:
        """The order number, or the till sale's (its reference is till:<number>)."""
        if self.order_line_id:
            return self.order_line.order.number
        return self.reference.split(":")[1] if ":" in self.reference else self.reference

    @property
    def product_name(self) -> str:
        return self.order_line.product_name if self.order_line_id else self.item_name


class SellerPayout(TenantModel):
    """A statement of what the cooperative pays a seller for one period."""

    class Status(models.TextChoices):
        OPEN = "open", _("To pay")
        PAID = "paid", _("Paid")

    seller = models.ForeignKey("catalog.Seller", on_delete=models.PROTECT,
                               related_name="payouts")
    period_start = models.DateField()
    period_end = models.DateField()
    gross = models.BigIntegerField()
    commission = models.BigIntegerField()
    amount = models.BigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+")
    payment_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-pk"]

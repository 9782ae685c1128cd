"""The counter of a coop-mart store: who works the till where, shifts and their cash, till
sales with their lines and payments, and refunds. Money in whole rupiah."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import TenantModel


class PriceBarcodeLayout(models.TextChoices):
    """EAN-13 codes starting with 2 printed by a scale: 2, one flag digit, the item code,
    the price (or weight) and the check digit. The variant's barcode holds the first part
    (2, flag and item code), such as 2012345."""

    NONE = "", _("No price barcodes")
    ITEM5_PRICE5 = "i5p5", _("Item code 5 digits, price 5 digits (up to Rp99.999)")
    ITEM4_PRICE6 = "i4p6", _("Item code 4 digits, price 6 digits (up to Rp999.999)")
    ITEM5_WEIGHT5 = "i5w5", _("Item code 5 digits, weight in grams 5 digits")


class TillSettings(TenantModel):
    """A cooperative's till settings (one row, made when first needed)."""

    price_barcode_layout = models.CharField(
        _("price barcode layout"), max_length=4, choices=PriceBarcodeLayout.choices,
        blank=True, default=PriceBarcodeLayout.ITEM5_PRICE5)
    static_qris = models.TextField(
        _("static QRIS"), blank=True,
        help_text=_("The text of the cooperative's printed QRIS (the QR's content)."))
    receipt_footer = models.CharField(_("receipt footer"), max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative"],
                                               name="one_till_settings_per_cooperative")]


class TillStaff(TenantModel):
    """Who may work the till at which store, and a manager's PIN for discounts and refunds.
    A manager may open a till at any store of the cooperative without a row here."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="till_places")
    location = models.ForeignKey("inventory.Location", on_delete=models.CASCADE, null=True,
                                 blank=True, related_name="+")
    pin_hash = models.CharField(max_length=128, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative", "user", "location"],
                                               name="one_till_staff_row_per_place")]


class Shift(TenantModel):
    """One cashier at one store from opening to closing; it closes once."""

    location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT,
                                 related_name="shifts")
    cashier = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="till_shifts")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    opening_float = models.BigIntegerField(default=0)
    counted_cash = models.BigIntegerField(null=True, blank=True)
    expected = models.JSONField(default=dict, blank=True,
                                help_text="Expected amount per payment method at closing.")
    difference = models.BigIntegerField(default=0, help_text="Counted cash - expected cash.")
    difference_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["cooperative", "cashier", "location"],
            condition=models.Q(closed_at__isnull=True),
            name="one_open_shift_per_cashier_and_store")]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CashMove(TenantModel):
    """Cash put into (positive) or taken out of (negative) the drawer during a shift."""

    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="cash_moves")
    amount = models.BigIntegerField()
    reason = models.CharField(max_length=255)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class TillSaleStatus(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    PARTLY_REFUNDED = "partly_refunded", _("Partly refunded")
    REFUNDED = "refunded", _("Refunded")


class TillSale(TenantModel):
    """A sale at the counter. `client_id` is made by the device when the sale is paid, so a
    sale sent twice (a retry, an offline queue flushed again) is recorded once."""

    client_id = models.UUIDField(default=uuid.uuid4)
    device_id = models.CharField(max_length=64, blank=True)
    number = models.CharField(max_length=40)
    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="sales")
    location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT,
                                 related_name="+")
    cashier = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    member = models.ForeignKey("members.Member", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="till_sales")
    member_name = models.CharField(max_length=150, blank=True)
    member_number = models.CharField(max_length=40, blank=True)
    member_eligible = models.BooleanField(default=False, help_text="Got member prices and "
                                          "counts toward the member's SHU.")
    member_price_note = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=20, choices=TillSaleStatus.choices,
                              default=TillSaleStatus.COMPLETED)
    subtotal = models.BigIntegerField(help_text="Lines at the prices paid, before discounts.")
    discount = models.BigIntegerField(default=0)
    total = models.BigIntegerField()
    member_savings = models.BigIntegerField(default=0, help_text="Regular - member prices.")
    change = models.BigIntegerField(default=0)
    refunded_total = models.BigIntegerField(default=0)
    offline = models.BooleanField(default=False, help_text="Made while the till was offline.")
    flags = models.JSONField(default=list, blank=True,
                             help_text="What the manager should look at (prices changed...).")
    sold_at = models.DateTimeField(help_text="When the device took the payment.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sold_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "client_id"],
                                    name="till_sale_once_per_client_id"),
            models.UniqueConstraint(fields=["cooperative", "number"],
                                    name="till_sale_number_unique"),
        ]
        indexes = [models.Index(fields=["cooperative", "sold_at"])]


class TillSaleLine(TenantModel):
    sale = models.ForeignKey(TillSale, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey("catalog.ProductVariant", on_delete=models.SET_NULL, null=True,
                                related_name="+")
    stock = models.ForeignKey("inventory.Stock", on_delete=models.PROTECT, null=True,
                              related_name="+")
    seller = models.ForeignKey("catalog.Seller", on_delete=models.PROTECT, related_name="+")
    product_name = models.CharField(max_length=200)
    sku = models.CharField(max_length=64)
    barcode = models.CharField(max_length=32, blank=True, help_text="As scanned.")
    quantity = models.PositiveIntegerField()
    unit_price = models.BigIntegerField(help_text="What the customer paid a unit.")
    regular_unit_price = models.BigIntegerField()
    is_member_price = models.BooleanField(default=False)
    discount = models.BigIntegerField(default=0, help_text="Line discount (manager's PIN).")
    line_total = models.BigIntegerField()
    voided = models.BooleanField(default=False, help_text="Taken off before payment.")
    refunded_quantity = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]


class PaymentKind(models.TextChoices):
    CASH = "cash", _("Cash")
    CARD = "card", _("Card (EDC)")
    QRIS = "qris", _("QRIS")


class TillPayment(TenantModel):
    sale = models.ForeignKey(TillSale, on_delete=models.CASCADE, related_name="payments")
    method = models.CharField(max_length=10, choices=PaymentKind.choices)
    amount = models.BigIntegerField(help_text="What this payment pays of the total.")
    tendered = models.BigIntegerField(default=0, help_text="Cash handed over.")
    approval_code = models.CharField(max_length=40, blank=True, help_text="EDC approval code.")

    class Meta:
        ordering = ["pk"]


class TillRefund(TenantModel):
    """Goods back at the counter after payment, approved with a manager's PIN."""

    sale = models.ForeignKey(TillSale, on_delete=models.PROTECT, related_name="refunds")
    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, null=True,
                              related_name="refunds", help_text="The shift that paid it back.")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    method = models.CharField(max_length=10, choices=PaymentKind.choices)
    amount = models.BigIntegerField()
    restock = models.BooleanField(default=True, help_text="False: the goods are damaged.")
    reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class TillRefundLine(TenantModel):
    refund = models.ForeignKey(TillRefund, on_delete=models.CASCADE, related_name="lines")
    sale_line = models.ForeignKey(TillSaleLine, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField()
    amount = models.BigIntegerField()

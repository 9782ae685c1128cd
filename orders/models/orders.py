import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.addresses import IndonesianAddress
from backend.cooperatives.models import TenantModel
from backend.storage import private_storage


class DeliveryMethod(models.TextChoices):
    PICKUP = "pickup", _("Pick up at a coop-mart store")
    LOCAL_DELIVERY = "local_delivery", _("Delivered by the cooperative")
    COURIER = "courier", _("Sent by courier")


class Checkout(TenantModel, IndonesianAddress):
    """A cart on its way to becoming an order; guests have one too (by token)."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                             blank=True, related_name="checkouts")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    recipient_name = models.CharField(max_length=150, blank=True)
    delivery_method = models.CharField(max_length=20, choices=DeliveryMethod.choices,
                                       default=DeliveryMethod.PICKUP)
    pickup_location = models.ForeignKey(
        "inventory.Location", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="The store that serves the order: pickup there, or delivery from there.")
    delivery_option = models.CharField(max_length=60, blank=True,
                                       help_text="The chosen rate's code (delivery only).")
    payment_method = models.CharField(max_length=20, blank=True)
    voucher = models.ForeignKey("Voucher", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def reservation_reference(self) -> str:
        return f"checkout:{self.token}"


class Voucher(TenantModel):
    """A code for percent or rupiah off, with a minimum spend, a time window, total and
    per-customer limits, for all products or one category or seller."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Percent off")
        FIXED = "fixed", _("Rupiah off")

    code = models.CharField(max_length=40)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.BigIntegerField(help_text="Percent (1-100) or whole rupiah.")
    min_spend = models.BigIntegerField(default=0)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    usage_limit = models.PositiveIntegerField(null=True, blank=True)
    per_customer_limit = models.PositiveIntegerField(null=True, blank=True)
    used_count = models.PositiveIntegerField(default=0)
    category = models.ForeignKey("catalog.Category", on_delete=models.CASCADE, null=True,
                                 blank=True, related_name="+")
    seller = models.ForeignKey("catalog.Seller", on_delete=models.CASCADE, null=True,
                               blank=True, related_name="+")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "code"],
                                               name="voucher_code_unique")]


class CheckoutLine(models.Model):
    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey("catalog.ProductVariant", on_delete=models.CASCADE,
                                related_name="+")
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["checkout", "variant"],
                                               name="one_line_per_variant")]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.variant_id}"


class OrderStatus(models.TextChoices):
    UNPAID = "unpaid", _("Waiting for payment")
    PAID = "paid", _("Paid")
    PROCESSING = "processing", _("Being prepared")
    READY_FOR_PICKUP = "ready_for_pickup", _("Ready for pickup")
    SHIPPED = "shipped", _("Shipped")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")
    PARTLY_REFUNDED = "partly_refunded", _("Partly refunded")


class PaymentMethod(models.TextChoices):
    ONLINE = "online", _("QRIS, virtual account or e-wallet")
    PAY_AT_PICKUP = "pay_at_pickup", _("Pay at pickup")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CARD = "card", _("Card (Stripe)")
    CASH_ON_DELIVERY = "cash_on_delivery", _("Cash on delivery")


class OrderNumberSequence(TenantModel):
    """The last order number given per cooperative and year (rows locked while used)."""

    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative", "year"],
                                               name="one_sequence_per_year")]


class Order(TenantModel, IndonesianAddress):
    number = models.CharField(max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="orders")
    member = models.ForeignKey("members.Member", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="orders",
                               help_text="The member who paid member prices, if any.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    recipient_name = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=20, choices=OrderStatus.choices,
                              default=OrderStatus.UNPAID)
    delivery_method = models.CharField(max_length=20, choices=DeliveryMethod.choices,
                                       default=DeliveryMethod.PICKUP)
    pickup_location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT,
                                        null=True, blank=True, related_name="+")
    pickup_code = models.CharField(max_length=8, blank=True)
    payment_method = models.CharField(max_length=20, choices=PaymentMethod.choices)
    subtotal = models.BigIntegerField()
    discount = models.BigIntegerField(default=0)
    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="orders")
    delivery_fee = models.BigIntegerField(default=0)
    delivery_name = models.CharField(max_length=120, blank=True,
                                     help_text="The area or courier service, as chosen.")
    total = models.BigIntegerField()
    vat_included = models.BigIntegerField(default=0, help_text="PPN inside the total.")
    refunded_total = models.BigIntegerField(default=0)
    member_price_note = models.CharField(max_length=255, blank=True)
    checkout_token = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    payment_proof = models.FileField(storage=private_storage, upload_to="payment-proofs/%Y/%m/",
                                     blank=True)
    ready_at = models.DateTimeField(null=True, blank=True,
                                    help_text="When every line was ready at the store.")
    pay_before = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "number"],
                                               name="order_number_unique")]


class LineFulfilment(models.TextChoices):
    PENDING = "pending", _("To prepare")
    PACKED = "packed", _("Packed")
    READY = "ready", _("Ready at the store")
    SHIPPED = "shipped", _("Shipped")


class OrderLine(TenantModel):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey("catalog.ProductVariant", on_delete=models.SET_NULL, null=True,
                                related_name="+")
    stock = models.ForeignKey("inventory.Stock", on_delete=models.PROTECT, related_name="+")
    seller = models.ForeignKey("catalog.Seller", on_delete=models.PROTECT,
                               related_name="order_lines")
    product_name = models.CharField(max_length=200)
    variant_name = models.CharField(max_length=120, blank=True)
    sku = models.CharField(max_length=64)
    quantity = models.PositiveIntegerField()
    unit_price = models.BigIntegerField()
    regular_unit_price = models.BigIntegerField()
    is_member_price = models.BooleanField(default=False)
    line_total = models.BigIntegerField()
    discount = models.BigIntegerField(default=0, help_text="This line's part of the voucher.")
    fulfilment = models.CharField(max_length=10, choices=LineFulfilment.choices,
                                  default=LineFulfilment.PENDING)
    tracking_number = models.CharField(max_length=60, blank=True)
    refunded_quantity = models.PositiveIntegerField(default=0)
    sold = models.BooleanField(default=False, help_text="Its units have left the shelf.")

    class Meta:
        ordering = ["pk"]

    @property
    def fulfilment_shown(self) -> str:
        """Its preparation in people's words: once the order is done, the line is too."""
        if self.sold and self.order.status in (OrderStatus.COMPLETED,
                                               OrderStatus.PARTLY_REFUNDED):
            return _("Done")
        return self.get_fulfilment_display()

    @property
    def open_quantity(self) -> int:
        """Units still owed to the shopper (not refunded)."""
        return self.quantity - self.refunded_quantity


class OrderEvent(TenantModel):
    """Every change of an order: who, when, what."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
    message = models.CharField(max_length=255, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

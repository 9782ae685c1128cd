from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import TenantModel


class SupplierSettings(TenantModel):
    """A cooperative's rules for restocking (one row per cooperative, made when first read)."""

    cost_change_threshold_percent = models.PositiveIntegerField(
        _("flag cost changes above (%)"), default=10)
    sales_window_days = models.PositiveIntegerField(_("days of sales to average"), default=28)
    safety_stock_days = models.PositiveIntegerField(_("safety stock (days)"), default=7)
    cover_days = models.PositiveIntegerField(_("days of sales one order covers"), default=14)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative"],
                                               name="one_supplier_settings_per_cooperative")]


class Supplier(TenantModel):
    """A distributor of everyday goods or an UMKM producer supplying the coop-mart."""

    name = models.CharField(_("name"), max_length=150)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    payment_terms = models.CharField(_("payment terms"), max_length=120, blank=True)
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"), default=3)
    minimum_order_value = models.BigIntegerField(_("minimum order value (Rp)"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "name"],
                                    name="supplier_name_unique_in_cooperative"),
            models.CheckConstraint(condition=models.Q(minimum_order_value__gte=0),
                                   name="supplier_minimum_order_gte_0"),
        ]

    def __str__(self) -> str:
        return self.name


class SupplierItem(TenantModel):
    """What a supplier sells, as its feed says, mapped to one of our variants."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="items")
    supplier_sku = models.CharField(_("supplier SKU"), max_length=64)
    name = models.CharField(_("name"), max_length=200, blank=True)
    barcode = models.CharField(_("barcode"), max_length=32, blank=True)
    variant = models.ForeignKey("catalog.ProductVariant", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="supplier_items")
    pack_size = models.PositiveIntegerField(_("units per pack"), default=1)
    cost_per_pack = models.BigIntegerField(_("cost per pack (Rp)"), default=0)
    min_order_packs = models.PositiveIntegerField(_("minimum order (packs)"), default=1)
    available_quantity = models.IntegerField(_("units the supplier has"), null=True, blank=True)
    preferred = models.BooleanField(_("preferred supplier of this variant"), default=False)
    is_active = models.BooleanField(default=True, help_text="False once it left the feed.")
    last_synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["supplier_sku", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "supplier_sku"],
                                    name="supplier_sku_unique"),
            models.CheckConstraint(condition=models.Q(cost_per_pack__gte=0),
                                   name="supplier_item_cost_gte_0"),
            models.CheckConstraint(condition=models.Q(pack_size__gte=1),
                                   name="supplier_item_pack_gte_1"),
        ]
        indexes = [models.Index(fields=["cooperative", "variant"])]

    @property
    def unit_cost(self) -> float:
        return self.cost_per_pack / self.pack_size


class FeedFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    JSON = "json", "JSON"


class SupplierFeedSource(TenantModel):
    """How a supplier's feed arrives: the saved column mapping, a scheduled pull, a push."""

    supplier = models.OneToOneField(Supplier, on_delete=models.CASCADE,
                                    related_name="feed_source")
    column_mapping = models.JSONField(default=dict, blank=True,
                                      help_text='Our column -> their header, e.g. '
                                                '{"cost_per_pack": "Harga Karton"}.')
    format = models.CharField(max_length=4, choices=FeedFormat.choices, default=FeedFormat.CSV)
    url = models.URLField(max_length=500, blank=True)
    auth_header_encrypted = models.TextField(blank=True)
    every_hours = models.PositiveIntegerField(default=24)
    pull_enabled = models.BooleanField(default=False)
    push_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)


class SyncSource(models.TextChoices):
    UPLOAD = "upload", _("Upload")
    PULL = "pull", _("Scheduled pull")
    PUSH = "push", _("Pushed by the supplier")


class SupplierSync(TenantModel):
    """One run of a feed through the sync service, with its change report."""

    class Status(models.TextChoices):
        DRY_RUN = "dry_run", _("Checked, not applied")
        APPLIED = "applied", _("Applied")
        REJECTED = "rejected", _("Rows have problems; nothing changed")
        FAILED = "failed", _("Failed")

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="syncs")
    source = models.CharField(max_length=6, choices=SyncSource.choices)
    status = models.CharField(max_length=8, choices=Status.choices)
    filename = models.CharField(max_length=255, blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    rows = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    changes = models.JSONField(default=dict, blank=True, help_text="The change report: the "
                                                                   "first entries of each kind.")
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["supplier", "-created_at"])]


class Sourcing(models.TextChoices):
    STOCKED = "stocked", _("Bought and held by us")
    DROP_SHIP = "drop_ship", _("Sold from the supplier's stock (drop-ship)")
    CONSIGNMENT = "consignment", _("Held by us, owned by the supplier (titip jual)")


class VariantSupply(TenantModel):
    """What the supplier side knows of one of our variants: moving-average cost and where
    the units shoppers buy come from."""

    variant = models.OneToOneField("catalog.ProductVariant", on_delete=models.CASCADE,
                                   related_name="supply")
    average_cost = models.BigIntegerField(_("moving-average cost (Rp)"), default=0)
    sourcing = models.CharField(max_length=12, choices=Sourcing.choices,
                                default=Sourcing.STOCKED)
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="supplied_variants",
                                 help_text="Whose stock (drop-ship) or goods (consignment).")
    updated_at = models.DateTimeField(auto_now=True)


class ReorderRule(TenantModel):
    """Optional levels a manager sets for a variant at a place."""

    variant = models.ForeignKey("catalog.ProductVariant", on_delete=models.CASCADE,
                                related_name="reorder_rules")
    location = models.ForeignKey("inventory.Location", on_delete=models.CASCADE,
                                 related_name="reorder_rules")
    reorder_point = models.PositiveIntegerField(null=True, blank=True)
    min_quantity = models.PositiveIntegerField(null=True, blank=True)
    max_quantity = models.PositiveIntegerField(null=True, blank=True)
    safety_stock_days = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["variant", "location"],
                                               name="one_reorder_rule_per_place")]


class PurchaseOrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    PARTLY_RECEIVED = "partly_received", _("Partly received")
    RECEIVED = "received", _("Received")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.SENT,
                 PurchaseOrderStatus.PARTLY_RECEIVED)


class PurchaseOrder(TenantModel):
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT,
                                 related_name="purchase_orders")
    location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT,
                                 related_name="purchase_orders", help_text="Deliver to.")
    number = models.CharField(max_length=20)
    status = models.CharField(max_length=16, choices=PurchaseOrderStatus.choices,
                              default=PurchaseOrderStatus.DRAFT)
    note = models.TextField(blank=True)
    expected_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "number"],
                                               name="purchase_order_number_unique")]

    def __str__(self) -> str:
        return self.number


class PurchaseOrderLine(TenantModel):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey("catalog.ProductVariant", on_delete=models.PROTECT,
                                related_name="+")
    supplier_item = models.ForeignKey(SupplierItem, on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="+")
    packs = models.PositiveIntegerField()
    pack_size = models.PositiveIntegerField(default=1)
    cost_per_pack = models.BigIntegerField()
    received_quantity = models.PositiveIntegerField(default=0)
    damaged_quantity = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    @property
    def quantity(self) -> int:
        return self.packs * self.pack_size

    @property
    def total(self) -> int:
        return self.packs * self.cost_per_pack

    @property
    def outstanding(self) -> int:
        return max(0, self.quantity - self.received_quantity - self.damaged_quantity)


class GoodsReceipt(TenantModel):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="receipts")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class GoodsReceiptLine(TenantModel):
    receipt = models.ForeignKey(GoodsReceipt, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(PurchaseOrderLine, on_delete=models.PROTECT,
                                   related_name="receipt_lines")
    received_quantity = models.PositiveIntegerField(help_text="Good units, into stock.")
    damaged_quantity = models.PositiveIntegerField(default=0)
    batch = models.CharField(max_length=60, blank=True)
    expiry_date = models.DateField(null=True, blank=True)
    unit_cost = models.BigIntegerField(help_text="What one good unit actually cost (Rp).")

    class Meta:
        ordering = ["pk"]

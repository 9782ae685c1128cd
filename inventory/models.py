from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.addresses import IndonesianAddress
from backend.cooperatives.models import TenantModel


class LocationKind(models.TextChoices):
    STORE = "store", _("Coop-mart store")
    WAREHOUSE = "warehouse", _("Warehouse")
    SELLER = "seller", _("Held by the seller")
    SUPPLIER = "supplier", _("Supplier's stock (drop-ship)")


class Location(TenantModel, IndonesianAddress):
    """A place stock is kept: a coop-mart store, a warehouse, or an UMKM's home."""

    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=LocationKind.choices,
                            default=LocationKind.STORE)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    pickup_allowed = models.BooleanField(_("pickup allowed"), default=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "code"],
                                    name="location_code_unique_in_cooperative"),
        ]

    def __str__(self) -> str:
        return self.name


class Stock(TenantModel):
    """How many units of a variant a location holds, and how many are promised to orders.
    Changed only through inventory.services, which record a movement for every change.
    On hand goes below zero (or below what is allocated) only through a sale at the counter
    (`stock_sell_at_counter`: the goods were physically there); it then shows as a
    discrepancy to count. Online checkout never sells what is not available."""

    variant = models.ForeignKey("catalog.ProductVariant", on_delete=models.CASCADE,
                                related_name="stocks")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="stocks")
    on_hand = models.IntegerField(default=0)
    allocated = models.IntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "location"], name="one_stock_per_place"),
            models.CheckConstraint(condition=models.Q(allocated__gte=0),
                                   name="allocated_gte_0"),
        ]


class MovementKind(models.TextChoices):
    RECEIPT = "receipt", _("Goods received")
    SALE = "sale", _("Sold")
    CANCELLATION_RETURN = "cancellation_return", _("Back from a cancelled order")
    CUSTOMER_RETURN = "customer_return", _("Returned by a customer")
    ADJUSTMENT = "adjustment", _("Adjustment")
    TRANSFER_IN = "transfer_in", _("Transfer in")
    TRANSFER_OUT = "transfer_out", _("Transfer out")


class StockMovement(TenantModel):
    """Every change of on-hand stock: on hand always equals the sum of its movements."""

    stock = models.ForeignKey(Stock, on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(max_length=20, choices=MovementKind.choices)
    quantity = models.IntegerField(help_text="Change of on-hand units; negative goes out.")
    on_hand_after = models.IntegerField()
    reason = models.CharField(max_length=255, blank=True)
    reference = models.CharField(max_length=80, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["stock", "created_at"])]


class Reservation(TenantModel):
    """Units held for a checkout for a few minutes; expired ones simply stop counting."""

    stock = models.ForeignKey(Stock, on_delete=models.CASCADE, related_name="reservations")
    reference = models.CharField(max_length=80)  # the checkout holding it
    quantity = models.PositiveIntegerField()
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stock", "reference"],
                                               name="one_reservation_per_checkout_and_stock")]
        indexes = [models.Index(fields=["stock", "expires_at"])]

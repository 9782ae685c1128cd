from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.addresses import IndonesianAddress
from backend.cooperatives.models import TenantModel


class LocationKind(models.TextChoices):
    STORE = "store", _("Coop-mart store")
    WAREHOUSE = "warehouse", _("Warehouse")
    SELLER = "seller", _("Held by the seller")


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

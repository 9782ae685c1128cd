from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import TenantModel


class LocalDeliveryArea(TenantModel):
    """Where the cooperative's own riders deliver, for a flat fee: a whole regency/city, or
    one district (kecamatan) of it."""

    name = models.CharField(_("name"), max_length=120)
    city = models.CharField(_("regency/city"), max_length=100)
    district = models.CharField(_("district (kecamatan)"), max_length=100, blank=True,
                                help_text=_("Empty means the whole regency/city."))
    fee = models.BigIntegerField(_("fee"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["city", "district", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(fee__gte=0),
                                              name="delivery_area_fee_gte_0")]


class CourierRate(TenantModel):
    """One weight tier of a courier service's flat rate: parcels up to `max_grams` cost
    `fee`. The lightest tier that holds the parcel applies."""

    service = models.CharField(_("courier service"), max_length=60,
                               help_text=_("As shoppers see it, such as JNE REG."))
    max_grams = models.PositiveIntegerField(_("up to grams"))
    fee = models.BigIntegerField(_("fee"))
    days = models.PositiveSmallIntegerField(_("days on the way"), default=3)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["service", "max_grams", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="courier_fee_gte_0"),
            models.UniqueConstraint(fields=["cooperative", "service", "max_grams"],
                                    name="one_courier_tier_per_weight"),
        ]

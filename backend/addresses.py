"""The shape of an Indonesian address, shared by every domain that stores one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndonesianAddress(models.Model):
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    rt_rw = models.CharField(_("RT/RW"), max_length=15, blank=True)
    village = models.CharField(_("village (kelurahan/desa)"), max_length=100, blank=True)
    district = models.CharField(_("district (kecamatan)"), max_length=100, blank=True)
    city = models.CharField(_("regency/city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    ADDRESS_FIELDS = ("street_address", "rt_rw", "village", "district", "city", "province",
                      "postal_code")

    class Meta:
        abstract = True

    @property
    def address_line(self) -> str:
        rt_rw = f"RT/RW {self.rt_rw}" if self.rt_rw else ""
        parts = [self.street_address, rt_rw, self.village, self.district, self.city,
                 self.province, self.postal_code]
        return ", ".join(p for p in parts if p)

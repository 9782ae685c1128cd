from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.addresses import IndonesianAddress


class CooperativeType(models.TextChoices):
    KONSUMEN = "konsumen", _("Consumer cooperative (konsumen)")
    PRODUSEN = "produsen", _("Producer cooperative (produsen)")
    PEMASARAN = "pemasaran", _("Marketing cooperative (pemasaran)")
    JASA = "jasa", _("Service cooperative (jasa)")
    SERBA_USAHA = "serba_usaha", _("Multi-business cooperative (serba usaha)")
    SIMPAN_PINJAM = "simpan_pinjam", _("Savings and loan cooperative (simpan pinjam)")


class Cooperative(IndonesianAddress):
    """The tenant: every tenant-owned row points here."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    legal_entity_number = models.CharField(
        _("legal entity number (nomor badan hukum)"), max_length=100, blank=True
    )
    cooperative_type = models.CharField(
        _("cooperative type"), max_length=20, choices=CooperativeType.choices,
        default=CooperativeType.KONSUMEN,
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    time_zone = models.CharField(_("time zone"), max_length=50, default="Asia/Jakarta")
    host_names = ArrayField(
        models.CharField(max_length=253), default=list, blank=True,
        help_text=_("Host names the storefront answers on, such as kopmart-serang.id."),
    )
    logo = models.ImageField(_("logo"), upload_to="cooperatives/logos/", blank=True)
    member_pricing_enabled = models.BooleanField(_("member pricing on"), default=True)
    default_commission_percent = models.DecimalField(
        _("default commission %"), max_digits=5, decimal_places=2, default=Decimal("10.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    member_statuses_eligible = ArrayField(
        models.CharField(max_length=20), default=list, blank=True,
        help_text=_("Member statuses that get member prices; empty means anggota only."))
    bank_transfer_instructions = models.TextField(
        _("bank transfer instructions"), blank=True,
        help_text=_("Bank, account number and holder; empty means no bank transfers."))
    unpaid_order_hours = models.PositiveIntegerField(
        _("hours before an unpaid order is cancelled"), default=48)
    reservation_minutes = models.PositiveIntegerField(
        _("minutes stock is held for a checkout"), default=10)
    vat_registered = models.BooleanField(
        _("VAT-registered (PKP)"), default=False,
        help_text=_("Prices include PPN; receipts show how much."))
    vat_percent = models.DecimalField(
        _("PPN %"), max_digits=5, decimal_places=2, default=Decimal("11.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))])
    dues_grace_days = models.PositiveIntegerField(
        _("days of unpaid dues before member prices stop"), default=90)
    brand_colour = models.CharField(
        _("brand colour"), max_length=7, default="#0b6b3a",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as #RRGGBB, such as "
                                                          "#0b6b3a."))],
        help_text=_("The storefront's header and buttons; dark enough for white text."))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [GinIndex(fields=["host_names"], name="coop_host_names_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(default_commission_percent__gte=0)
                & models.Q(default_commission_percent__lte=100),
                name="coop_commission_percent_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class TenantQuerySet(models.QuerySet):
    def of(self, cooperative: "Cooperative"):
        """The one place rows are scoped to a cooperative."""
        return self.filter(cooperative=cooperative)


class TenantModel(models.Model):
    """Base of every row a cooperative owns."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE,
                                    related_name="+", verbose_name=_("cooperative"))

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import TenantModel


class MemberStatus(models.TextChoices):
    CALON_ANGGOTA = "calon_anggota", _("Prospective member (calon anggota)")
    ANGGOTA = "anggota", _("Member (anggota)")
    ANGGOTA_LUAR_BIASA = "anggota_luar_biasa", _("Extraordinary member (anggota luar biasa)")
    KELUAR = "keluar", _("Left (keluar)")
    DIBERHENTIKAN = "diberhentikan", _("Dismissed (diberhentikan)")
    MENINGGAL = "meninggal", _("Deceased (meninggal)")


class Member(TenantModel):
    """One person in a cooperative's member register. Never deleted by a sync: a member
    missing from a full sync becomes inactive and keeps their history."""

    member_number = models.CharField(_("member number"), max_length=40)
    full_name = models.CharField(_("full name"), max_length=150)
    nik_encrypted = models.TextField(blank=True)
    nik_hash = models.CharField(max_length=64, blank=True, db_index=True)
    nik_last4 = models.CharField(max_length=4, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    date_joined = models.DateField(_("date joined"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MemberStatus.choices,
                              default=MemberStatus.ANGGOTA)
    category = models.CharField(_("member category"), max_length=40, blank=True)
    dues_paid_until = models.DateField(_("mandatory savings paid until"), null=True, blank=True)
    savings_pokok = models.BigIntegerField(_("initial savings (Rp)"), default=0)
    savings_wajib = models.BigIntegerField(_("mandatory savings (Rp)"), default=0)
    savings_sukarela = models.BigIntegerField(_("voluntary savings (Rp)"), default=0)
    is_active = models.BooleanField(default=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="memberships")
    linked_at = models.DateTimeField(null=True, blank=True)
    card_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["member_number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "member_number"],
                                    name="member_number_unique_in_cooperative"),
            models.UniqueConstraint(fields=["cooperative", "user"],
                                    condition=models.Q(user__isnull=False),
                                    name="one_membership_per_account_per_cooperative"),
        ]
        indexes = [models.Index(fields=["cooperative", "phone"])]

    def __str__(self) -> str:
        return f"{self.member_number} {self.full_name}"

    @property
    def nik_masked(self) -> str:
        return f"************{self.nik_last4}" if self.nik_last4 else ""


class ImportSource(models.TextChoices):
    UPLOAD = "upload", _("Spreadsheet upload")
    API = "api", _("The cooperative's system (API)")
    SYNC = "sync", _("Scheduled sync")


class MemberImport(TenantModel):
    """A record of every register import: who, when, which file, what it did."""

    source = models.CharField(max_length=10, choices=ImportSource.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    filename = models.CharField(max_length=255, blank=True)
    dry_run = models.BooleanField(default=True)
    full_sync = models.BooleanField(default=False)
    applied = models.BooleanField(default=False)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    deactivated = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # the first errors, row-numbered
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class PersonalDataAccess(TenantModel):
    """Who saw or took personal data: unmasked NIK views, exports, downloads."""

    class Action(models.TextChoices):
        NIK_VIEWED = "nik_viewed", _("NIK shown unmasked")
        REGISTER_EXPORTED = "register_exported", _("Register exported")
        OWN_DATA_DOWNLOADED = "own_data_downloaded", _("Member downloaded own data")
        ANONYMISED = "anonymised", _("Member anonymised on request")

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="+")
    member = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    action = models.CharField(max_length=25, choices=Action.choices)
    detail = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class MembershipClaim(TenantModel):
    """A signed-in shopper proving they are a member: a one-time code sent to the member's
    phone. `member` is empty when the number and phone did not match (the answer to the
    shopper looks the same either way)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+")
    code_hash = models.CharField(max_length=128)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class MemberSyncSource(TenantModel):
    """Where a cooperative keeps its register online, pulled on a schedule."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    url = models.URLField(max_length=500)
    format = models.CharField(max_length=4, choices=Format.choices, default=Format.CSV)
    auth_header_encrypted = models.TextField(blank=True)
    every_hours = models.PositiveIntegerField(default=24)
    full_sync = models.BooleanField(default=True)
    enabled = models.BooleanField(default=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative"],
                                               name="one_sync_source_per_cooperative")]


class VariantMemberPrice(TenantModel):
    """An explicit member price for one variant, set by its seller or a manager."""

    variant = models.OneToOneField("catalog.ProductVariant", on_delete=models.CASCADE,
                                   related_name="member_price")
    price = models.BigIntegerField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(price__gte=0),
                                              name="member_price_gte_0")]


class PriceRule(TenantModel):
    """Percent or fixed rupiah off for members, on all products or a category, seller or
    product, for some member categories, in a time window. The best price wins; on a tie
    the higher priority is reported."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Percent off")
        FIXED = "fixed", _("Rupiah off")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    category = models.ForeignKey("catalog.Category", on_delete=models.CASCADE, null=True,
                                 blank=True, related_name="+")
    seller = models.ForeignKey("catalog.Seller", on_delete=models.CASCADE, null=True,
                               blank=True, related_name="+")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, null=True,
                                blank=True, related_name="+")
    member_categories = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    priority = models.IntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-priority", "pk"]


class PatronageEntry(TenantModel):
    """A purchase counted toward the buyer's share of the surplus (jasa anggota), or its
    reversal on cancellation or refund. Sales to non-members are recorded with no member."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="patronage")
    fiscal_year = models.PositiveSmallIntegerField()
    amount = models.BigIntegerField(help_text="Rupiah; negative for a reversal.")
    reference = models.CharField(max_length=80, help_text="Order (and refund) it comes from.")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative", "reference"],
                                               name="patronage_reference_unique")]
        indexes = [models.Index(fields=["cooperative", "fiscal_year", "member"])]


class ShuCalculation(TenantModel):
    """One year's surplus (SHU) shared out: the split the managers chose and each share."""

    fiscal_year = models.PositiveSmallIntegerField()
    surplus = models.BigIntegerField()
    split = models.JSONField()  # percentages and pools, as entered and computed
    member_purchases = models.BigIntegerField()
    member_savings = models.BigIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class ShuShare(TenantModel):
    calculation = models.ForeignKey(ShuCalculation, on_delete=models.CASCADE,
                                    related_name="shares")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="shu_shares")
    purchases = models.BigIntegerField()
    savings = models.BigIntegerField()
    jasa_anggota = models.BigIntegerField()
    jasa_modal = models.BigIntegerField()
    total = models.BigIntegerField()

    class Meta:
        ordering = ["member__member_number", "pk"]

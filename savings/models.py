"""Member savings (simpanan pokok, wajib, sukarela and the cooperative's own kinds), dues
rates and store credit (belanja kredit / bon).

Both ledgers are append-only: an entry is never changed or removed (a PostgreSQL trigger
refuses it); a correction is a new entry. Each account keeps its balance beside its entries,
written in the same transaction, and `check_savings_ledger` proves balance = sum of entries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import TenantModel


class SavingsKind(TenantModel):
    """pokok (once), wajib (the dues), sukarela (at will), or a kind the cooperative adds
    (simpanan hari raya, say)."""

    POKOK, WAJIB, SUKARELA = "pokok", "wajib", "sukarela"

    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    is_dues = models.BooleanField(default=False, help_text="The periodic mandatory savings.")
    withdrawable = models.BooleanField(
        _("may be withdrawn while a member"), default=False,
        help_text=_("The statutes allow withdrawals while the member stays a member."))
    is_builtin = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_builtin", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "code"],
                                    name="savings_kind_code_unique"),
            models.UniqueConstraint(fields=["cooperative"], condition=models.Q(is_dues=True),
                                    name="one_dues_kind_per_cooperative"),
        ]

    def __str__(self) -> str:
        return self.name


class SavingsAccount(TenantModel):
    """One member's savings of one kind: the row locked while an entry is written."""

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT,
                               related_name="savings_accounts")
    kind = models.ForeignKey(SavingsKind, on_delete=models.PROTECT, related_name="accounts")
    balance = models.BigIntegerField(default=0)
    # The latest entry that settled the dues schedule up to a date (the register's "wajib
    # s/d" at import): the schedule starts after it and counts what came in since.
    settled_until = models.DateField(null=True, blank=True)
    balance_at_settlement = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "member", "kind"],
                                    name="one_account_per_kind"),
            models.CheckConstraint(condition=models.Q(balance__gte=0),
                                   name="savings_balance_gte_0"),
        ]
        indexes = [models.Index(fields=["cooperative", "kind"])]


class EntryType(models.TextChoices):
    OPENING = "opening", _("Opening balance")
    DEPOSIT = "deposit", _("Deposit")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    CORRECTION = "correction", _("Correction")
    TRANSFER_OUT = "transfer_out", _("Transfer on leaving")
    TRANSFER_IN = "transfer_in", _("Transfer received")


class PaymentChannel(models.TextChoices):
    CASH = "cash", _("Cash")
    TRANSFER = "transfer", _("Bank transfer")
    PAYROLL = "payroll", _("Payroll deduction")
    ONLINE = "online", _("Online payment")
    TILL = "till", _("At the till")
    LEDGER = "ledger", _("Book entry")


class SavingsEntry(TenantModel):
    account = models.ForeignKey(SavingsAccount, on_delete=models.PROTECT,
                                related_name="entries")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(SavingsKind, on_delete=models.PROTECT, related_name="+")
    entry_type = models.CharField(max_length=20, choices=EntryType.choices)
    amount = models.BigIntegerField(help_text="Rupiah; negative goes out.")
    balance_after = models.BigIntegerField()
    booked_on = models.DateField(help_text="The day the money moved (the books' date).")
    settles_until = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=10, choices=PaymentChannel.choices,
                               default=PaymentChannel.LEDGER)
    reason = models.CharField(max_length=255, blank=True)
    reference = models.CharField(max_length=80, blank=True,
                                 help_text="Receipt, transfer or order it comes from.")
    idempotency_key = models.CharField(max_length=80, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-booked_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "idempotency_key"],
                                    condition=~models.Q(idempotency_key=""),
                                    name="savings_entry_idempotency_key_unique"),
            models.UniqueConstraint(fields=["cooperative", "account", "reference"],
                                    condition=~models.Q(reference="")
                                    & models.Q(entry_type="deposit"),
                                    name="savings_deposit_reference_unique"),
        ]
        indexes = [models.Index(fields=["cooperative", "kind", "booked_on"]),
                   models.Index(fields=["member", "booked_on"])]


class DuesRate(TenantModel):
    """How much simpanan wajib a member category pays per period, from a date. An empty
    category is the rate for everyone whose category has none of its own."""

    category = models.CharField(_("member category"), max_length=40, blank=True)
    amount = models.BigIntegerField(_("amount (Rp)"))
    period_months = models.PositiveSmallIntegerField(_("months per period"), default=1)
    valid_from = models.DateField(_("valid from"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category", "valid_from", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "category", "valid_from"],
                                    name="one_dues_rate_per_category_and_date"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="dues_rate_gt_0"),
            models.CheckConstraint(condition=models.Q(period_months__in=[1, 3, 6, 12]),
                                   name="dues_period_months_allowed"),
        ]


class DuesCategoryChange(TenantModel):
    """A member moved from one category to another: periods from `effective_from` on are
    charged at the new category's rate, the ones before at the old one's."""

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    from_category = models.CharField(max_length=40, blank=True)
    to_category = models.CharField(max_length=40, blank=True)
    effective_from = models.DateField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_from", "pk"]
        indexes = [models.Index(fields=["member", "effective_from"])]


class SavingsSettings(TenantModel):
    """Per cooperative; the grace days before member prices stop stay on the cooperative."""

    dues_due_day = models.PositiveSmallIntegerField(_("day of the month dues are due"),
                                                    default=10)
    remind_days_before = models.PositiveSmallIntegerField(default=3)
    remind_days_after = models.PositiveSmallIntegerField(default=7)
    credit_term_days = models.PositiveSmallIntegerField(_("days to repay a purchase on credit"),
                                                        default=30)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative"],
                                               name="one_savings_settings_per_cooperative")]


class DuesReminder(TenantModel):
    """At most one reminder per member and period."""

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    period = models.DateField(help_text="First day of the period reminded of.")
    before_due = models.BooleanField()
    message_id = models.BigIntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative", "member", "period"],
                                               name="one_dues_reminder_per_period")]


class DuesReceipt(TenantModel):
    """A member's own report of a dues transfer, waiting for staff to confirm it against the
    bank statement (until the payments domain takes online payments)."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    amount = models.BigIntegerField()
    transfer_reference = models.CharField(max_length=80)
    transferred_on = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    entry = models.ForeignKey(SavingsEntry, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


# -- store credit (belanja kredit / bon) ---------------------------------------------------------
class CreditAccount(TenantModel):
    """A member a manager allowed to buy on credit, up to a limit; `balance` is what they
    owe."""

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    allowed = models.BooleanField(default=True)
    limit = models.BigIntegerField(_("credit limit (Rp)"))
    balance = models.BigIntegerField(default=0)
    employer = models.CharField(_("employer (for payroll deduction)"), max_length=120,
                                blank=True)
    allowed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "member"],
                                    name="one_credit_account_per_member"),
            models.CheckConstraint(condition=models.Q(limit__gte=0), name="credit_limit_gte_0"),
            models.CheckConstraint(condition=models.Q(balance__gte=0),
                                   name="credit_balance_gte_0"),
        ]
        indexes = [models.Index(fields=["cooperative", "employer"])]


class CreditEntryType(models.TextChoices):
    PURCHASE = "purchase", _("Purchase on credit")
    REPAYMENT = "repayment", _("Repayment")
    CORRECTION = "correction", _("Correction")


class CreditEntry(TenantModel):
    account = models.ForeignKey(CreditAccount, on_delete=models.PROTECT, related_name="entries")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    entry_type = models.CharField(max_length=12, choices=CreditEntryType.choices)
    amount = models.BigIntegerField(help_text="Rupiah owed; a repayment is negative.")
    balance_after = models.BigIntegerField()
    booked_on = models.DateField()
    channel = models.CharField(max_length=10, choices=PaymentChannel.choices,
                               default=PaymentChannel.LEDGER)
    reason = models.CharField(max_length=255, blank=True)
    reference = models.CharField(max_length=80, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-booked_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "reference"],
                                               condition=~models.Q(reference=""),
                                               name="credit_entry_reference_unique")]
        indexes = [models.Index(fields=["account", "booked_on"])]

import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.error_codes import FileErrorCode
from backend.graphql.core.connections import CountableConnection
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.money import Money, money_field
from members.graphql.types import MemberNode

from ..error_codes import SavingsErrorCode as Codes
from ..models import (
    CreditAccount,
    CreditEntry,
    CreditEntryType,
    DuesRate,
    DuesReceipt,
    EntryType,
    PaymentChannel,
    SavingsEntry,
    SavingsKind,
)
from ..selectors import kinds_visible_to, savings_rows_visible_to

SavingsErrorCode = error_code_enum("SavingsErrorCode", Codes, FileErrorCode)
SavingsError = error_type("SavingsError", SavingsErrorCode)
RECORD = Permission.RECORD_SAVINGS  # staff recording payments
MANAGE = Permission.MANAGE_MEMBERS  # managers: kinds, rates, credit limits, corrections


def _enum(name, choices):
    return graphene.Enum(name, [(c.name, c.value) for c in choices])


SavingsEntryTypeEnum = _enum("SavingsEntryType", EntryType)
PaymentChannelEnum = _enum("SavingsPaymentChannel", PaymentChannel)
CreditEntryTypeEnum = _enum("CreditEntryType", CreditEntryType)
DuesReceiptStateEnum = _enum("DuesReceiptState", DuesReceipt.State)


class SavingsKindNode(DjangoObjectType):
    class Meta:
        model = SavingsKind
        name = "SavingsKind"
        interfaces = (relay.Node,)
        fields = ("id", "code", "name", "is_dues", "withdrawable", "is_builtin", "is_active")

    @classmethod
    def filter_queryset(cls, queryset, info):
        return kinds_visible_to(info.context.user, queryset)


class _MemberRows:
    @classmethod
    def filter_queryset(cls, queryset, info):
        return savings_rows_visible_to(info.context.user, queryset)


class _LedgerEntry(_MemberRows):
    """An entry of either ledger: money and enum values as the API shows them."""

    channel = graphene.Field(PaymentChannelEnum, required=True)
    amount = money_field("amount")
    balance_after = money_field("balance_after")

    @staticmethod
    def resolve_entry_type(root, info):
        return str(root.entry_type)

    @staticmethod
    def resolve_channel(root, info):
        return str(root.channel)


class SavingsEntryNode(_LedgerEntry, DjangoObjectType):
    entry_type = graphene.Field(SavingsEntryTypeEnum, required=True)

    class Meta:
        model = SavingsEntry
        name = "SavingsEntry"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "member", "kind", "entry_type", "amount", "balance_after", "booked_on",
                  "settles_until", "channel", "reason", "reference", "created_at")


class CreditEntryNode(_LedgerEntry, DjangoObjectType):
    entry_type = graphene.Field(CreditEntryTypeEnum, required=True)

    class Meta:
        model = CreditEntry
        name = "CreditEntry"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "member", "entry_type", "amount", "balance_after", "booked_on",
                  "channel", "reason", "reference", "created_at")


class CreditAccountNode(_MemberRows, DjangoObjectType):
    limit = money_field("limit")
    owed = money_field("balance")

    class Meta:
        model = CreditAccount
        name = "CreditAccount"
        interfaces = (relay.Node,)
        fields = ("id", "member", "allowed", "limit", "employer", "updated_at")


class DuesReceiptNode(_MemberRows, DjangoObjectType):
    state = graphene.Field(DuesReceiptStateEnum, required=True)
    amount = money_field("amount")

    class Meta:
        model = DuesReceipt
        name = "DuesReceipt"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "member", "amount", "transfer_reference", "transferred_on", "state",
                  "note", "created_at")

    @staticmethod
    def resolve_state(root, info):
        return str(root.state)


class DuesRateType(DjangoObjectType):
    amount = money_field("amount")

    class Meta:
        model = DuesRate
        name = "DuesRate"
        fields = ("category", "amount", "period_months", "valid_from")


class SavingsBalance(graphene.ObjectType):
    kind = graphene.Field(SavingsKindNode, required=True)
    balance = graphene.Field(Money, required=True)


class MemberDues(graphene.ObjectType):
    tracked = graphene.Boolean(required=True, description="False: no schedule for this member "
                                                          "(no join date or no dues rate).")
    paid_until = graphene.Date()
    due = graphene.Field(Money, required=True, description="Everything due up to today.")
    paid = graphene.Field(Money, required=True)
    arrears = graphene.Field(Money, required=True)
    periods_behind = graphene.Int(required=True)
    next_due_on = graphene.Date()
    next_amount = graphene.Field(Money, required=True)

    @staticmethod
    def of(status):
        return MemberDues(tracked=status.tracked, paid_until=status.paid_until,
                          due=Money.of(status.due), paid=Money.of(status.paid),
                          arrears=Money.of(status.arrears),
                          periods_behind=status.periods_behind,
                          next_due_on=status.next_due_on,
                          next_amount=Money.of(status.next_amount))


class MemberCredit(graphene.ObjectType):
    allowed = graphene.Boolean(required=True)
    limit = graphene.Field(Money, required=True)
    owed = graphene.Field(Money, required=True)
    available = graphene.Field(Money, required=True)
    overdue = graphene.Field(Money, required=True)
    can_buy = graphene.Boolean(required=True, description="Allowed and nothing overdue.")

    @staticmethod
    def of(standing):
        return MemberCredit(allowed=standing.allowed, limit=Money.of(standing.limit),
                            owed=Money.of(standing.owed), available=Money.of(standing.available),
                            overdue=Money.of(standing.overdue),
                            can_buy=standing.allowed and not standing.overdue
                            and standing.available > 0)


class MemberSavings(graphene.ObjectType):
    """A member's savings, dues and store credit: what the account page and a till card scan
    show (never the NIK)."""

    member = graphene.Field(MemberNode, required=True)
    balances = graphene.List(graphene.NonNull(SavingsBalance), required=True)
    total = graphene.Field(Money, required=True)
    dues = graphene.Field(MemberDues, required=True)
    credit = graphene.Field(MemberCredit, required=True)


class AgeingRowType(graphene.ObjectType):
    member_number = graphene.String(required=True)
    full_name = graphene.String(required=True)
    employer = graphene.String(required=True)
    limit = graphene.Field(Money, required=True)
    owed = graphene.Field(Money, required=True)
    current = graphene.Field(Money, required=True)
    days_30 = graphene.Field(Money, required=True)
    days_60 = graphene.Field(Money, required=True)
    days_90 = graphene.Field(Money, required=True, description="90 days and older.")


class MemberCardSavings(graphene.ObjectType):
    """Beside memberCardScan (members): the scanned member's dues in arrears and store
    credit left, for the till; no balances, never the NIK."""

    member_number = graphene.String(required=True)
    full_name = graphene.String(required=True)
    dues = graphene.Field(MemberDues, required=True)
    credit = graphene.Field(MemberCredit, required=True)

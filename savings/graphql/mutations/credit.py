"""Store credit: the manager's limit, repayments."""

import graphene

from backend.graphql.core.inputs import enum_value
from backend.graphql.core.money import Money

from ...services import credit
from ..types import (
    MANAGE,
    RECORD,
    CreditAccountNode,
    CreditEntryNode,
    PaymentChannelEnum,
    SavingsError,
)
from .ledger import _MemberMutation


class StoreCreditSet(_MemberMutation):
    account = graphene.Field(CreditAccountNode)

    class Arguments:
        member = graphene.ID(required=True)
        limit = graphene.BigInt(required=True)
        allowed = graphene.Boolean(required=True, default_value=True)
        employer = graphene.String(description="For the payroll deduction list.")

    class Meta:
        description = "Allow (or stop) buying on credit for a member, up to a limit."
        error_type = SavingsError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, member, limit, allowed=True, employer=None):
        return cls(account=credit.credit_allow(cls.get_member(info, member), limit=limit,
                                               allowed=allowed, employer=employer,
                                               actor=info.context.user), errors=[])


class StoreCreditRepay(_MemberMutation):
    entry = graphene.Field(CreditEntryNode)
    owed = graphene.Field(Money)

    class Arguments:
        member = graphene.ID(required=True)
        amount = graphene.BigInt(required=True)
        channel = PaymentChannelEnum(required=True)
        reference = graphene.String()

    class Meta:
        error_type = SavingsError
        permission = RECORD

    @classmethod
    def perform_mutation(cls, root, info, member, amount, channel, reference=""):
        entry = credit.credit_repay(cls.get_member(info, member), amount,
                                    channel=enum_value(channel), reference=reference or "",
                                    actor=info.context.user)
        return cls(entry=entry, owed=Money.of(entry.balance_after), errors=[])

"""Recording savings: deposits, withdrawals, corrections, kinds."""

import graphene

from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.mutations import BaseMutation

from ...models import EntryType, PaymentChannel
from ...services import ledger
from ..queries import SAVINGS_MEMBER
from ..types import (
    MANAGE,
    RECORD,
    PaymentChannelEnum,
    SavingsEntryNode,
    SavingsError,
    SavingsKindNode,
)


class _MemberMutation(BaseMutation):
    """Acts in the cooperative of the member named by `member`."""

    class Meta:
        abstract = True

    @classmethod
    def get_member(cls, info, member_id):
        cache = info.context.__dict__.setdefault("_savings_members", {})
        if member_id not in cache:
            cache[member_id] = node_for(info, member_id, SAVINGS_MEMBER, field="member")
        return cache[member_id]

    @classmethod
    def get_cooperative(cls, info, **data):
        return cls.get_member(info, data["member"]).cooperative

    @classmethod
    def get_kind(cls, info, member, kind_id):
        return node_for(info, kind_id, SavingsKindNode, field="kind",
                        cooperative=member.cooperative)


class _Movement(_MemberMutation):
    entry = graphene.Field(SavingsEntryNode)
    entry_type = None

    class Meta:
        abstract = True

    @classmethod
    def perform_mutation(cls, root, info, member, kind, amount, channel=None, reference="",
                         idempotency_key="", booked_on=None, reason=""):
        found = cls.get_member(info, member)
        return cls(entry=ledger.savings_record(found, cls.get_kind(info, found, kind),
                                               ledger.Movement(
            cls.entry_type, amount, booked_on=booked_on, channel=enum_value(channel)
            or PaymentChannel.CASH, reason=reason or "", reference=reference or "",
            idempotency_key=idempotency_key or ""), actor=info.context.user), errors=[])


class MovementArguments:
    member = graphene.ID(required=True)
    kind = graphene.ID(required=True)
    amount = graphene.BigInt(required=True, description="Whole rupiah, more than 0.")
    channel = PaymentChannelEnum()
    reference = graphene.String(description="Receipt or transfer number: the same one twice "
                                            "is refused as a duplicate.")
    idempotency_key = graphene.String(description="Sent again with the same key, the "
                                                  "movement is recorded once.")
    booked_on = graphene.Date(description="The day the money moved; default today.")
    reason = graphene.String()


class SavingsDeposit(_Movement):
    entry_type = EntryType.DEPOSIT

    class Arguments(MovementArguments):
        pass

    class Meta:
        error_type = SavingsError
        permission = RECORD


class SavingsWithdraw(_Movement):
    entry_type = EntryType.WITHDRAWAL

    class Arguments(MovementArguments):
        pass

    class Meta:
        description = "Only from kinds the statutes let members withdraw (sukarela)."
        error_type = SavingsError
        permission = MANAGE


class SavingsCorrect(_Movement):
    entry_type = EntryType.CORRECTION

    class Arguments(MovementArguments):
        amount = graphene.BigInt(required=True, description="Signed: negative takes off.")
        reason = graphene.String(required=True)

    class Meta:
        description = "A correction with its reason; the wrong entry stays in the ledger."
        error_type = SavingsError
        permission = MANAGE


class SavingsTransferOnLeaving(_MemberMutation):
    entries = graphene.List(graphene.NonNull(SavingsEntryNode))

    class Arguments:
        member = graphene.ID(required=True)
        to_member = graphene.ID(description="Another member receiving the savings; empty: "
                                            "paid out.")
        reason = graphene.String(required=True)

    class Meta:
        error_type = SavingsError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, member, reason, to_member=None):
        found = cls.get_member(info, member)
        receiver = node_for(info, to_member, SAVINGS_MEMBER, field="to_member",
                            cooperative=found.cooperative) if to_member else None
        return cls(entries=ledger.savings_transfer_on_leaving(
            found, to_member=receiver, reason=reason, actor=info.context.user), errors=[])


class SavingsKindCreate(BaseMutation):
    kind = graphene.Field(SavingsKindNode)

    class Arguments:
        cooperative = graphene.String()
        name = graphene.String(required=True)
        withdrawable = graphene.Boolean(required=True, default_value=False)

    class Meta:
        error_type = SavingsError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, name, withdrawable=False, cooperative=None):
        return cls(kind=ledger.savings_kind_save(
            cls.get_cooperative(info, cooperative=cooperative),
            {"name": name, "withdrawable": withdrawable}), errors=[])

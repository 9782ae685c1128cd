"""The savings domain's queries: a member's savings, dues and credit (their own, or any
member's for staff who record savings), ledgers, receipts waiting, the ageing report."""

import graphene
from django.core.exceptions import ValidationError

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.ids import IdKind, find_node, node_for
from backend.graphql.core.money import Money
from backend.graphql.core.permissions import (
    authenticated_user,
    permission_required,
    require_cooperative,
)
from members.models import Member
from members.selectors import membership_of
from members.services.card import member_from_card

from .. import selectors
from ..models import CreditEntry, DuesRate, DuesReceipt, SavingsEntry, SavingsKind
from ..services.credit import credit_ageing, credit_standing
from ..services.dues import dues_status
from ..services.ledger import balances_of, savings_kinds_ensure
from .types import (
    MANAGE,
    RECORD,
    AgeingRowType,
    CreditEntryNode,
    DuesRateType,
    DuesReceiptNode,
    DuesReceiptStateEnum,
    MemberCardSavings,
    MemberCredit,
    MemberDues,
    MemberSavings,
    SavingsBalance,
    SavingsEntryNode,
    SavingsKindNode,
)

# Members as the savings domain shows them: one's own, or any for staff recording savings.
SAVINGS_MEMBER = IdKind("Member", Member, selectors.savings_members_visible_to)


def member_of(info, member_id, cooperative=None, *, field="member", required=False):
    """The member an operation is about: the given one (as the caller may see it), else the
    caller's own membership in the cooperative."""
    authenticated_user(info)
    if member_id:
        if required:
            return node_for(info, member_id, SAVINGS_MEMBER, field=field,
                            cooperative=cooperative)
        return find_node(info, member_id, SAVINGS_MEMBER, field=field, cooperative=cooperative)
    return membership_of(info.context.user, require_cooperative(info, cooperative))


MEMBER_ARGS = {"member": graphene.ID(description="A member (staff); empty: your own."),
               "cooperative": graphene.String()}


class SavingsQueries(graphene.ObjectType):
    savings_kinds = graphene.List(graphene.NonNull(SavingsKindNode), required=True,
                                  cooperative=graphene.String())
    member_savings = graphene.Field(MemberSavings, **MEMBER_ARGS)
    member_dues = graphene.Field(MemberDues, **MEMBER_ARGS)
    member_credit = graphene.Field(MemberCredit, **MEMBER_ARGS)
    savings_entries = DjangoConnectionField(SavingsEntryNode, **MEMBER_ARGS)
    credit_entries = DjangoConnectionField(CreditEntryNode, **MEMBER_ARGS)
    dues_rates = graphene.List(graphene.NonNull(DuesRateType), required=True,
                               cooperative=graphene.String())
    dues_receipts = DjangoConnectionField(DuesReceiptNode, cooperative=graphene.String(),
                                          state=DuesReceiptStateEnum())
    member_card_savings = graphene.Field(
        MemberCardSavings, token=graphene.String(required=True), cooperative=graphene.String(),
        description="The till: a scanned member card's dues arrears and credit left.")
    credit_ageing = graphene.List(graphene.NonNull(AgeingRowType), required=True,
                                  cooperative=graphene.String(),
                                  description="Everyone who owes store credit, by age.")

    @staticmethod
    def resolve_savings_kinds(root, info, cooperative=None):
        authenticated_user(info)
        cooperative = require_cooperative(info, cooperative)
        savings_kinds_ensure(cooperative)
        return SavingsKind.objects.of(cooperative)

    @staticmethod
    def resolve_member_savings(root, info, member=None, cooperative=None):
        found = member_of(info, member, cooperative)
        if found is None:
            return None
        held = balances_of(found)
        kinds = list(SavingsKind.objects.of(found.cooperative).filter(is_active=True))
        return MemberSavings(
            member=found, balances=[SavingsBalance(kind=k, balance=Money.of(held.get(k.code, 0)))
                                    for k in kinds],
            total=Money.of(sum(held.values())), dues=MemberDues.of(dues_status(found)),
            credit=MemberCredit.of(credit_standing(found)))

    @staticmethod
    def resolve_member_dues(root, info, member=None, cooperative=None):
        found = member_of(info, member, cooperative)
        return None if found is None else MemberDues.of(dues_status(found))

    @staticmethod
    def resolve_member_credit(root, info, member=None, cooperative=None):
        found = member_of(info, member, cooperative)
        return None if found is None else MemberCredit.of(credit_standing(found))

    @staticmethod
    def resolve_savings_entries(root, info, member=None, cooperative=None, **kwargs):
        found = member_of(info, member, cooperative)
        if found is None:
            return SavingsEntry.objects.none()
        return SavingsEntry.objects.filter(member=found).order_by("-booked_on", "-pk")

    @staticmethod
    def resolve_credit_entries(root, info, member=None, cooperative=None, **kwargs):
        found = member_of(info, member, cooperative)
        if found is None:
            return CreditEntry.objects.none()
        return CreditEntry.objects.filter(member=found).order_by("-booked_on", "-pk")

    @staticmethod
    @permission_required(RECORD)
    def resolve_dues_rates(root, info, cooperative=None):
        return DuesRate.objects.of(require_cooperative(info, cooperative))

    @staticmethod
    @permission_required(RECORD)
    def resolve_dues_receipts(root, info, cooperative=None, state=None, **kwargs):
        receipts = DuesReceipt.objects.of(require_cooperative(info, cooperative))
        if state is not None:
            receipts = receipts.filter(state=getattr(state, "value", state))
        return receipts.order_by("-pk")

    @staticmethod
    @permission_required(Permission.HANDLE_SALES)
    def resolve_member_card_savings(root, info, token, cooperative=None):
        try:
            member = member_from_card(token, require_cooperative(info, cooperative))
        except ValidationError:
            return None
        return MemberCardSavings(member_number=member.member_number, full_name=member.full_name,
                              dues=MemberDues.of(dues_status(member)),
                              credit=MemberCredit.of(credit_standing(member)))

    @staticmethod
    @permission_required(MANAGE)
    def resolve_credit_ageing(root, info, cooperative=None):
        return [AgeingRowType(member_number=r.member_number, full_name=r.full_name,
                              employer=r.employer, limit=Money.of(r.limit),
                              owed=Money.of(r.owed),
                              **{k: Money.of(v) for k, v in r.buckets.items()})
                for r in credit_ageing(require_cooperative(info, cooperative))]

"""Dues: rates, category changes, transfer receipts."""

import graphene

from backend.graphql.core.errors import PermissionDenied
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from members.selectors import membership_of

from ...services import dues_payments, dues_settings
from ..types import MANAGE, RECORD, DuesRateType, DuesReceiptNode, SavingsError
from .ledger import _MemberMutation


class DuesRateSet(BaseMutation):
    rate = graphene.Field(DuesRateType)

    class Arguments:
        cooperative = graphene.String()
        category = graphene.String(description="Member category; empty: everyone else.")
        amount = graphene.BigInt(required=True)
        valid_from = graphene.Date(required=True)
        period_months = graphene.Int(required=True, default_value=1,
                                     description="1 (monthly), 3, 6 or 12.")

    class Meta:
        error_type = SavingsError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, amount, valid_from, period_months=1, category="",
                         cooperative=None):
        return cls(rate=dues_settings.dues_rate_set(
            cls.get_cooperative(info, cooperative=cooperative), category=category or "",
            amount=amount, valid_from=valid_from, period_months=period_months), errors=[])


class MemberDuesCategoryChange(_MemberMutation):
    ok = graphene.Boolean()

    class Arguments:
        member = graphene.ID(required=True)
        category = graphene.String(required=True)
        effective_from = graphene.Date(required=True)

    class Meta:
        error_type = SavingsError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, member, category, effective_from):
        dues_settings.dues_category_change(cls.get_member(info, member), category,
                                  effective_from=effective_from, actor=info.context.user)
        return cls(ok=True, errors=[])


class DuesReceiptSubmit(BaseMutation):
    receipt = graphene.Field(DuesReceiptNode)

    class Arguments:
        cooperative = graphene.String()
        amount = graphene.BigInt(required=True)
        transfer_reference = graphene.String(required=True)
        transferred_on = graphene.Date(required=True)

    class Meta:
        description = "A member reports a dues transfer; staff confirm it."
        error_type = SavingsError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, amount, transfer_reference, transferred_on,
                         cooperative=None):
        member = membership_of(info.context.user,
                               cls.get_cooperative(info, cooperative=cooperative))
        if member is None:
            raise PermissionDenied()
        return cls(receipt=dues_payments.dues_receipt_submit(
            member, amount=amount, transfer_reference=transfer_reference,
            transferred_on=transferred_on), errors=[])


class DuesReceiptDecide(ModelMutation):
    receipt = graphene.Field(DuesReceiptNode)
    node = DuesReceiptNode

    class Arguments:
        id = graphene.ID(required=True)
        confirm = graphene.Boolean(required=True)
        note = graphene.String()

    class Meta:
        error_type = SavingsError
        permission = RECORD

    @classmethod
    def perform_mutation(cls, root, info, id, confirm, note=""):
        return cls(receipt=dues_payments.dues_receipt_decide(
            cls.get_object(info, id), confirm=confirm, actor=info.context.user,
            note=note or ""), errors=[])

"""Seller payouts: close a period, mark a statement paid, set category commissions."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.ids import node_for
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from catalog.graphql.types import CategoryNode

from ...services import payouts as services
from ..types import PayoutError, SellerPayoutNode


class SellerPayoutsCreate(BaseMutation):
    payouts = graphene.List(graphene.NonNull(SellerPayoutNode))

    class Arguments:
        cooperative = graphene.String()
        period_end = graphene.Date(required=True, description="The last day of the period.")

    class Meta:
        description = "Close a period: one statement per seller for what it earned."
        error_type = PayoutError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, period_end, cooperative=None):
        payouts = services.payouts_create(cls.get_cooperative(info, cooperative=cooperative),
                                          period_end=period_end)
        return cls(payouts=payouts, errors=[])


class SellerPayoutMarkPaid(ModelMutation):
    payout = graphene.Field(SellerPayoutNode)
    node = SellerPayoutNode

    class Arguments:
        id = graphene.ID(required=True)
        reference = graphene.String(description="The bank transfer's reference.")

    class Meta:
        error_type = PayoutError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id, reference=""):
        payout = services.seller_payout_mark_paid(cls.get_object(info, id), info.context.user,
                                                  reference=reference or "")
        return cls(payout=payout, errors=[])


class CategoryCommissionSet(BaseMutation):
    percent = graphene.Decimal(description="The category's rate now; null: the default.")

    class Arguments:
        category = graphene.ID(required=True)
        percent = graphene.Decimal(description="Null goes back to the cooperative's default.")

    class Meta:
        description = "The cooperative's commission on a category and the ones below it."
        error_type = PayoutError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def _category(cls, info, category):
        return node_for(info, category, CategoryNode, field="category")

    @classmethod
    def get_cooperative(cls, info, **data):
        return cls._category(info, data["category"]).cooperative

    @classmethod
    def perform_mutation(cls, root, info, category, percent=None):
        commission = services.category_commission_set(cls._category(info, category), percent)
        return cls(percent=commission.percent if commission else None, errors=[])

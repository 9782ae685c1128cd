import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import (
    CountableConnection,
    DjangoConnectionField,
    DjangoListField,
)
from backend.graphql.core.errors import PermissionDenied
from backend.graphql.core.ids import node_for, required_node
from backend.graphql.core.money import Money, money_field
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.permissions import (
    authenticated_user,
    permission_required,
    require_cooperative,
)
from catalog.graphql.types import CategoryNode, SellerNode

from ..models import CategoryCommission, PayoutEntry, SellerPayout
from ..selectors import payout_balance, payouts_visible_to, seller_money_visible_to
from ..services import payouts as services
from .errors import PayoutError


class PayoutEntryNode(DjangoObjectType):
    order_number = graphene.String(required=True)
    product_name = graphene.String(required=True)
    gross = money_field("gross")
    commission = money_field("commission")
    amount = money_field("amount")

    class Meta:
        model = PayoutEntry
        name = "PayoutEntry"
        fields = ("id", "kind", "quantity", "gross", "commission_percent", "commission",
                  "amount", "created_at")

    @staticmethod
    def resolve_order_number(root, info):
        return root.sale_number

    @staticmethod
    def resolve_product_name(root, info):
        return root.product_name


class SellerPayoutNode(DjangoObjectType):
    gross = money_field("gross")
    commission = money_field("commission")
    amount = money_field("amount")
    entries = DjangoListField(PayoutEntryNode, required=True)

    class Meta:
        model = SellerPayout
        name = "SellerPayout"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "seller", "period_start", "period_end", "gross", "commission",
                  "amount", "status", "paid_at", "payment_reference", "entries")

    @classmethod
    def filter_queryset(cls, queryset, info):
        return payouts_visible_to(info.context.user, queryset)


def _seller_for(info, seller_id):
    """A seller whose money the viewer may see: its owner, or the cooperative's order
    managers."""
    user = authenticated_user(info)
    seller = required_node(info, seller_id, SellerNode, field="seller")
    if not seller_money_visible_to(user, seller):
        raise PermissionDenied()
    return seller


class PayoutQueries(graphene.ObjectType):
    seller_payouts = DjangoConnectionField(
        SellerPayoutNode, cooperative=graphene.String(), seller=graphene.ID(),
        description="Payout statements: a seller's own, or all of the cooperative's for "
                    "order managers.")
    seller_payout_balance = graphene.Field(
        Money, required=True, seller=graphene.ID(required=True),
        description="What the seller has earned that is on no statement yet.")

    @staticmethod
    def resolve_seller_payouts(root, info, cooperative=None, seller=None, **kwargs):
        if seller is not None:
            return SellerPayout.objects.filter(seller=_seller_for(info, seller))
        return _cooperative_payouts(root, info, cooperative=cooperative)

    @staticmethod
    def resolve_seller_payout_balance(root, info, seller):
        return Money.of(payout_balance(_seller_for(info, seller)))


@permission_required(Permission.MANAGE_ORDERS)
def _cooperative_payouts(root, info, cooperative=None):
    return SellerPayout.objects.of(require_cooperative(info, cooperative))


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


class PayoutMutations(graphene.ObjectType):
    seller_payouts_create = SellerPayoutsCreate.Field()
    seller_payout_mark_paid = SellerPayoutMarkPaid.Field()
    category_commission_set = CategoryCommissionSet.Field()


__all__ = ["CategoryCommission", "PayoutMutations", "PayoutQueries"]

"""Orders, carts, payouts, vouchers and delivery settings: what shoppers, sellers and staff
read."""

import graphene
from django.core.exceptions import ValidationError

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.errors import PermissionDenied
from backend.graphql.core.ids import find_node, required_node, visible_nodes
from backend.graphql.core.money import Money
from backend.graphql.core.permissions import (
    authenticated_user,
    permission_required,
    require_cooperative,
)
from catalog.graphql.types import SellerNode

from ..models import CourierRate, LocalDeliveryArea, Order, SellerPayout, Voucher
from ..selectors import payout_balance, seller_money_visible_to, seller_order_lines
from .types import (
    CheckoutType,
    CourierRateNode,
    LocalDeliveryAreaNode,
    OrderNode,
    OrderStatusEnum,
    SellerOrderLineNode,
    SellerPayoutNode,
    VoucherNode,
    checkout_of,
)


def _seller_for(info, seller_id):
    """A seller whose money the viewer may see: its owner, or the cooperative's order
    managers."""
    user = authenticated_user(info)
    seller = required_node(info, seller_id, SellerNode, field="seller")
    if not seller_money_visible_to(user, seller):
        raise PermissionDenied()
    return seller


@permission_required(Permission.MANAGE_ORDERS)
def _cooperative_payouts(root, info, cooperative=None):
    return SellerPayout.objects.of(require_cooperative(info, cooperative))


class CheckoutQueries(graphene.ObjectType):
    # Payouts
    seller_payouts = DjangoConnectionField(
        SellerPayoutNode, cooperative=graphene.String(), seller=graphene.ID(),
        description="Payout statements: a seller's own, or all of the cooperative's for "
                    "order managers.")
    seller_payout_balance = graphene.Field(
        Money, required=True, seller=graphene.ID(required=True),
        description="What the seller has earned that is on no statement yet.")
    # Delivery settings
    local_delivery_areas = DjangoConnectionField(LocalDeliveryAreaNode,
                                                 cooperative=graphene.String())
    courier_rates = DjangoConnectionField(CourierRateNode, cooperative=graphene.String())
    # Vouchers, carts and orders
    vouchers = DjangoConnectionField(VoucherNode, cooperative=graphene.String())
    checkout = graphene.Field(CheckoutType, token=graphene.UUID(required=True))
    order = graphene.Field(OrderNode, id=graphene.ID(required=True))
    orders = DjangoConnectionField(OrderNode, cooperative=graphene.String(),
                                   status=OrderStatusEnum())
    my_orders = DjangoConnectionField(
        OrderNode, cooperative=graphene.String(),
        description="Your orders, newest first, in the cooperative of the request (`cooperative`"
                    " argument, X-Cooperative header or host); all of them when it names none.")
    seller_order_lines = graphene.List(
        graphene.NonNull(SellerOrderLineNode), seller=graphene.ID(required=True),
        open_only=graphene.Boolean(required=True, default_value=True),
        description="A seller's lines to prepare (its own only).")

    @staticmethod
    def resolve_seller_payouts(root, info, cooperative=None, seller=None, **kwargs):
        if seller is not None:
            return SellerPayout.objects.filter(seller=_seller_for(info, seller))
        return _cooperative_payouts(root, info, cooperative=cooperative)

    @staticmethod
    def resolve_seller_payout_balance(root, info, seller):
        return Money.of(payout_balance(_seller_for(info, seller)))

    @staticmethod
    @permission_required(Permission.MANAGE_ORDERS)
    def resolve_local_delivery_areas(root, info, cooperative=None, **kwargs):
        return LocalDeliveryArea.objects.of(require_cooperative(info, cooperative))

    @staticmethod
    @permission_required(Permission.MANAGE_ORDERS)
    def resolve_courier_rates(root, info, cooperative=None, **kwargs):
        return CourierRate.objects.of(require_cooperative(info, cooperative))

    @staticmethod
    @permission_required(Permission.MANAGE_ORDERS)
    def resolve_vouchers(root, info, cooperative=None, **kwargs):
        return Voucher.objects.of(require_cooperative(info, cooperative))

    @staticmethod
    def resolve_checkout(root, info, token):
        try:
            return CheckoutType.of(checkout_of(info, token))
        except ValidationError:
            return None

    @staticmethod
    def resolve_order(root, info, id):
        return find_node(info, id, OrderNode)

    @staticmethod
    @permission_required(Permission.HANDLE_SALES)
    def resolve_orders(root, info, cooperative=None, status=None, **kwargs):
        queryset = Order.objects.of(require_cooperative(info, cooperative))
        return queryset if status is None else queryset.filter(status=status.value)

    @staticmethod
    def resolve_seller_order_lines(root, info, seller, open_only=True):
        from catalog.services.common import can_act_for_seller

        seller_obj = required_node(info, seller, SellerNode, field="seller")
        if not can_act_for_seller(authenticated_user(info), seller_obj):
            raise PermissionDenied()
        return seller_order_lines(seller_obj, open_only=open_only)

    @staticmethod
    def resolve_my_orders(root, info, cooperative=None, **kwargs):
        user = authenticated_user(info)
        return visible_nodes(info, OrderNode, cooperative=cooperative).filter(user=user)

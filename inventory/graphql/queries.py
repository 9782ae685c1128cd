"""Places and stock: where goods are, how many, and how they moved."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.ids import required_node
from backend.graphql.core.permissions import permission_required, require_cooperative
from catalog.graphql.types import ProductVariantNode

from ..models import Location, LocationKind, Stock, StockMovement
from .types import LocationNode, StockMovementNode, StockNode


class InventoryQueries(graphene.ObjectType):
    locations = DjangoConnectionField(LocationNode, cooperative=graphene.String(),
                                      pickup=graphene.Boolean())
    stocks = DjangoConnectionField(StockNode, cooperative=graphene.String(),
                                   location=graphene.ID(), variant=graphene.ID())
    stock_movements = DjangoConnectionField(StockMovementNode, cooperative=graphene.String(),
                                            variant=graphene.ID(), location=graphene.ID())

    @staticmethod
    def resolve_locations(root, info, cooperative=None, pickup=None, **kwargs):
        # Stores are public: shoppers choose where to pick up.
        queryset = Location.objects.of(require_cooperative(info, cooperative)).filter(
            is_active=True).exclude(kind=LocationKind.SUPPLIER)  # drop-ship stock is not a place
        return queryset if pickup is None else queryset.filter(pickup_allowed=pickup)

    @staticmethod
    @permission_required(Permission.MANAGE_INVENTORY)
    def resolve_stocks(root, info, cooperative=None, location=None, variant=None, **kwargs):
        queryset = Stock.objects.of(require_cooperative(info, cooperative))
        if location:
            queryset = queryset.filter(location=required_node(
                info, location, LocationNode, field="location", cooperative=cooperative))
        if variant:
            queryset = queryset.filter(variant=required_node(
                info, variant, ProductVariantNode, field="variant", cooperative=cooperative))
        return queryset

    @staticmethod
    @permission_required(Permission.MANAGE_INVENTORY)
    def resolve_stock_movements(root, info, cooperative=None, variant=None, location=None,
                                **kwargs):
        queryset = StockMovement.objects.of(require_cooperative(info, cooperative))
        if variant:
            queryset = queryset.filter(stock__variant=required_node(
                info, variant, ProductVariantNode, field="variant", cooperative=cooperative))
        if location:
            queryset = queryset.filter(stock__location=required_node(
                info, location, LocationNode, field="location", cooperative=cooperative))
        return queryset

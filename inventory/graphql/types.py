"""The inventory domain's GraphQL types and error codes."""

import graphene
from graphene import relay
from query_optimizer import DjangoObjectType, ManuallyOptimizedField

from backend.error_codes import FileErrorCode
from backend.graphql.core.connections import CountableConnection
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.visibility import StaffOnly

from .. import services
from ..error_codes import InventoryErrorCode as Codes
from ..models import Location, LocationKind, Stock, StockMovement
from ..selectors import free_units_of_stock

InventoryErrorCode = error_code_enum("InventoryErrorCode", Codes, FileErrorCode)
InventoryError = error_type("InventoryError", InventoryErrorCode)
LocationKindEnum = graphene.Enum("LocationKindEnum", [(k.name, k.value) for k in LocationKind])


class LocationNode(DjangoObjectType):
    kind = graphene.Field(LocationKindEnum, required=True)

    class Meta:
        model = Location
        name = "Location"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "name", "code", "kind", "phone", "opening_hours", "pickup_allowed",
                  "is_active", "street_address", "rt_rw", "village", "district", "city",
                  "province", "postal_code")

    @staticmethod
    def resolve_kind(root, info):
        return str(root.kind)


class StockNode(StaffOnly, DjangoObjectType):
    available = ManuallyOptimizedField(
        graphene.Int, required=True, description="On hand - allocated - held for checkouts.")

    class Meta:
        model = Stock
        name = "Stock"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "variant", "location", "on_hand", "allocated")

    @staticmethod
    def optimize_available(queryset, optimizer, **kwargs):
        return queryset.annotate(free=free_units_of_stock())

    @staticmethod
    def resolve_available(root, info):
        return root.free if hasattr(root, "free") else services.available(root)


class StockMovementNode(StaffOnly, DjangoObjectType):
    kind = graphene.String(required=True)
    actor_name = graphene.String()

    class Meta:
        model = StockMovement
        name = "StockMovement"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "stock", "kind", "quantity", "on_hand_after", "reason", "reference",
                  "created_at")

    @staticmethod
    def resolve_kind(root, info):
        return str(root.kind)

    @staticmethod
    def resolve_actor_name(root, info):
        return (root.actor.full_name or str(root.actor)) if root.actor_id else None

import graphene
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, Now
from graphene import relay
from query_optimizer import DjangoObjectType, ManuallyOptimizedField

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import CountableConnection, DjangoConnectionField
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.ids import node_for, required_node
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import permission_required, require_cooperative
from backend.graphql.core.visibility import StaffOnly
from catalog.graphql.types import ProductVariantNode

from .. import services
from ..models import Location, LocationKind, Reservation, Stock, StockMovement

InventoryErrorCode = error_code_enum("InventoryErrorCode", (
    "INSUFFICIENT_STOCK", "BELOW_ALLOCATED"))
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
        held = Reservation.objects.filter(stock=OuterRef("pk"), expires_at__gt=Now()).values(
            "stock").annotate(total=Sum("quantity")).values("total")
        return queryset.annotate(
            free=F("on_hand") - F("allocated") - Coalesce(Subquery(held), 0))

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


class LocationInput(graphene.InputObjectType):
    name = graphene.String()
    code = graphene.String()
    kind = LocationKindEnum()
    phone = graphene.String()
    opening_hours = graphene.String()
    pickup_allowed = graphene.Boolean()
    is_active = graphene.Boolean()
    street_address = graphene.String()
    rt_rw = graphene.String()
    village = graphene.String()
    district = graphene.String()
    city = graphene.String()
    province = graphene.String()
    postal_code = graphene.String()


class LocationCreate(BaseMutation):
    location = graphene.Field(LocationNode)

    class Arguments:
        cooperative = graphene.String()
        input = LocationInput(required=True)

    class Meta:
        error_type = InventoryError
        permission = Permission.MANAGE_INVENTORY

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        location = services.location_save(cls.get_cooperative(info, cooperative=cooperative),
                                          input_dict(input))
        return cls(location=location, errors=[])


class LocationUpdate(BaseMutation):
    location = graphene.Field(LocationNode)

    class Arguments:
        id = graphene.ID(required=True)
        input = LocationInput(required=True)

    class Meta:
        error_type = InventoryError
        permission = Permission.MANAGE_INVENTORY

    @classmethod
    def get_cooperative(cls, info, **data):
        return node_for(info, data["id"], LocationNode).cooperative

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        location = node_for(info, id, LocationNode)
        return cls(location=services.location_save(location.cooperative, input_dict(input),
                                                   location), errors=[])


class _StockMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def objects(cls, info, data):
        location = node_for(info, data["location"], LocationNode, field="location")
        variant = node_for(info, data["variant"], ProductVariantNode, field="variant",
                           cooperative=location.cooperative)
        return variant, location

    @classmethod
    def get_cooperative(cls, info, **data):
        return cls.objects(info, data)[1].cooperative


class StockAdjust(_StockMutation):
    stock = graphene.Field(StockNode)

    class Arguments:
        variant = graphene.ID(required=True)
        location = graphene.ID(required=True)
        counted = graphene.Int(required=True, description="What is on the shelf now.")
        reason = graphene.String(required=True)

    class Meta:
        error_type = InventoryError
        permission = Permission.MANAGE_INVENTORY

    @classmethod
    def perform_mutation(cls, root, info, variant, location, counted, reason):
        variant_obj, location_obj = cls.objects(info, {"variant": variant, "location": location})
        stock = services.stock_adjust(variant_obj, location_obj, counted=counted, reason=reason,
                                      actor=info.context.user)
        return cls(stock=stock, errors=[])


class StockTransfer(_StockMutation):
    source = graphene.Field(StockNode)
    target = graphene.Field(StockNode)

    class Arguments:
        variant = graphene.ID(required=True)
        location = graphene.ID(required=True, description="From.")
        target = graphene.ID(required=True, description="To.")
        quantity = graphene.Int(required=True)
        reason = graphene.String()

    class Meta:
        error_type = InventoryError
        permission = Permission.MANAGE_INVENTORY

    @classmethod
    def perform_mutation(cls, root, info, variant, location, target, quantity, reason=""):
        variant_obj, source = cls.objects(info, {"variant": variant, "location": location})
        target_obj = node_for(info, target, LocationNode, field="target",
                              cooperative=source.cooperative)
        out, into = services.stock_transfer(variant_obj, source, target_obj, quantity,
                                            actor=info.context.user, reason=reason or "")
        return cls(source=out, target=into, errors=[])


class InventoryMutations(graphene.ObjectType):
    location_create = LocationCreate.Field()
    location_update = LocationUpdate.Field()
    stock_adjust = StockAdjust.Field()
    stock_transfer = StockTransfer.Field()

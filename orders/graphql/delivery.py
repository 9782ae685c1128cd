import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import CountableConnection, DjangoConnectionField
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.money import money_field
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.permissions import permission_required, require_cooperative
from backend.graphql.core.visibility import StaffOnly

from ..models import CourierRate, LocalDeliveryArea
from ..services.delivery_settings import courier_rate_save, delivery_area_save
from .errors import ShippingError


class LocalDeliveryAreaNode(StaffOnly, DjangoObjectType):
    fee = money_field("fee")

    class Meta:
        model = LocalDeliveryArea
        name = "LocalDeliveryArea"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "name", "city", "district", "fee", "is_active")


class CourierRateNode(StaffOnly, DjangoObjectType):
    fee = money_field("fee")

    class Meta:
        model = CourierRate
        name = "CourierRate"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "service", "max_grams", "fee", "days", "is_active")


class LocalDeliveryAreaInput(graphene.InputObjectType):
    name = graphene.String()
    city = graphene.String(description="Kabupaten/kota.")
    district = graphene.String(description="Kecamatan; empty for the whole city.")
    fee = graphene.Int(description="Whole rupiah.")
    is_active = graphene.Boolean()


class CourierRateInput(graphene.InputObjectType):
    service = graphene.String(description="Such as JNE REG.")
    max_grams = graphene.Int()
    fee = graphene.Int(description="Whole rupiah.")
    days = graphene.Int()
    is_active = graphene.Boolean()


class LocalDeliveryAreaCreate(BaseMutation):
    area = graphene.Field(LocalDeliveryAreaNode)

    class Arguments:
        cooperative = graphene.String()
        input = LocalDeliveryAreaInput(required=True)

    class Meta:
        description = "Where the cooperative's riders deliver, for a flat fee."
        error_type = ShippingError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        area = delivery_area_save(cls.get_cooperative(info, cooperative=cooperative),
                                  input_dict(input))
        return cls(area=area, errors=[])


class LocalDeliveryAreaUpdate(ModelMutation):
    area = graphene.Field(LocalDeliveryAreaNode)
    node = LocalDeliveryAreaNode

    class Arguments:
        id = graphene.ID(required=True)
        input = LocalDeliveryAreaInput(required=True)

    class Meta:
        description = "Change an area; isActive: false stops delivering there."
        error_type = ShippingError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        area = cls.get_object(info, id)
        return cls(area=delivery_area_save(area.cooperative, input_dict(input), area),
                   errors=[])


class CourierRateCreate(BaseMutation):
    rate = graphene.Field(CourierRateNode)

    class Arguments:
        cooperative = graphene.String()
        input = CourierRateInput(required=True)

    class Meta:
        description = "One weight tier of a courier service's flat rate."
        error_type = ShippingError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        rate = courier_rate_save(cls.get_cooperative(info, cooperative=cooperative),
                                 input_dict(input))
        return cls(rate=rate, errors=[])


class CourierRateUpdate(ModelMutation):
    rate = graphene.Field(CourierRateNode)
    node = CourierRateNode

    class Arguments:
        id = graphene.ID(required=True)
        input = CourierRateInput(required=True)

    class Meta:
        error_type = ShippingError
        permission = Permission.MANAGE_ORDERS

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        rate = cls.get_object(info, id)
        return cls(rate=courier_rate_save(rate.cooperative, input_dict(input), rate), errors=[])


class DeliveryQueries(graphene.ObjectType):
    local_delivery_areas = DjangoConnectionField(LocalDeliveryAreaNode,
                                                 cooperative=graphene.String())
    courier_rates = DjangoConnectionField(CourierRateNode, cooperative=graphene.String())

    @staticmethod
    @permission_required(Permission.MANAGE_ORDERS)
    def resolve_local_delivery_areas(root, info, cooperative=None, **kwargs):
        return LocalDeliveryArea.objects.of(require_cooperative(info, cooperative))

    @staticmethod
    @permission_required(Permission.MANAGE_ORDERS)
    def resolve_courier_rates(root, info, cooperative=None, **kwargs):
        return CourierRate.objects.of(require_cooperative(info, cooperative))


class DeliveryMutations(graphene.ObjectType):
    local_delivery_area_create = LocalDeliveryAreaCreate.Field()
    local_delivery_area_update = LocalDeliveryAreaUpdate.Field()
    courier_rate_create = CourierRateCreate.Field()
    courier_rate_update = CourierRateUpdate.Field()

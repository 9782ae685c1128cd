"""Delivery settings: the cooperative's local delivery areas and courier rates."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation, ModelMutation

from ...services.delivery_settings import courier_rate_save, delivery_area_save
from ..types import CourierRateNode, LocalDeliveryAreaNode, ShippingError


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

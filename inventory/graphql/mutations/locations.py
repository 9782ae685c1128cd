"""Coop-mart places: stores, warehouses."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation

from ... import services
from ..types import InventoryError, LocationKindEnum, LocationNode


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

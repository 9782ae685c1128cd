"""Create a cooperative (operator) and change its details and settings."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation

from ... import services
from ..types import CooperativeError, CooperativeNode, CooperativeTypeEnum


class CooperativeInput(graphene.InputObjectType):
    name = graphene.String()
    slug = graphene.String(description="Operator only.")
    legal_name = graphene.String()
    legal_entity_number = graphene.String()
    cooperative_type = graphene.Field(CooperativeTypeEnum)
    phone = graphene.String()
    email = graphene.String()
    time_zone = graphene.String()
    host_names = graphene.List(graphene.NonNull(graphene.String), description="Operator only.")
    member_pricing_enabled = graphene.Boolean()
    default_commission_percent = graphene.Decimal()
    vat_registered = graphene.Boolean(description="Prices include PPN (a PKP cooperative).")
    vat_percent = graphene.Decimal()
    brand_colour = graphene.String(description="The storefront's colour, #RRGGBB.")
    is_active = graphene.Boolean(description="Operator only.")
    street_address = graphene.String()
    rt_rw = graphene.String()
    village = graphene.String()
    district = graphene.String()
    city = graphene.String()
    province = graphene.String()
    postal_code = graphene.String()


class CooperativeCreate(BaseMutation):
    cooperative = graphene.Field(CooperativeNode)

    class Arguments:
        input = CooperativeInput(required=True)

    class Meta:
        description = "Create a cooperative (operator only)."
        error_type = CooperativeError
        operator_only = True

    @classmethod
    def perform_mutation(cls, root, info, input):
        return cls(cooperative=services.cooperative_create(input_dict(input)), errors=[])


class CooperativeUpdate(BaseMutation):
    cooperative = graphene.Field(CooperativeNode)

    class Arguments:
        id = graphene.ID(required=True)
        input = CooperativeInput(required=True)

    class Meta:
        description = "Change a cooperative's details and settings (its managers, or operator)."
        error_type = CooperativeError
        permission = Permission.MANAGE_COOPERATIVE

    @classmethod
    def get_cooperative(cls, info, **data):
        return node_for(info, data["id"], CooperativeNode)

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        cooperative = cls.get_cooperative(info, id=id)
        cooperative = services.cooperative_update(cooperative, input_dict(input),
                                                  by_operator=info.context.user.is_superuser)
        return cls(cooperative=cooperative, errors=[])

"""The cooperatives' GraphQL types: the cooperative as shoppers, staff and the operator
see it, and the error type of its mutations."""

import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.accounts.selectors import staff_role
from backend.graphql.core.connections import CountableConnection, DjangoConnectionField
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.permissions import permission_required

from ..error_codes import CooperativeErrorCode as Codes
from ..models import Cooperative, CooperativeType

CooperativeErrorCode = error_code_enum("CooperativeErrorCode", Codes)
CooperativeError = error_type("CooperativeError", CooperativeErrorCode)

CooperativeTypeEnum = graphene.Enum(
    "CooperativeTypeEnum", [(c.name, c.value) for c in CooperativeType],
    description="Kinds of Indonesian cooperative.",
)


class CooperativeNode(DjangoObjectType):
    cooperative_type = graphene.Field(CooperativeTypeEnum, required=True)
    logo_url = graphene.String()
    address_line = graphene.String(required=True)
    host_names = graphene.List(graphene.NonNull(graphene.String),
                               description="Staff with MANAGE_COOPERATIVE only.")
    default_commission_percent = graphene.Decimal(
        description="Staff with MANAGE_COOPERATIVE only.")
    viewer_role = graphene.String(description="The signed-in person's staff role here, if any.")
    staff_members = DjangoConnectionField(
        "backend.accounts.graphql.types.StaffMemberNode",
        description="Everyone with MANAGE_STAFF here sees all; others see only themselves.",
    )

    class Meta:
        model = Cooperative
        name = "Cooperative"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = (
            "id", "name", "slug", "legal_name", "legal_entity_number", "cooperative_type",
            "phone", "email", "time_zone", "member_pricing_enabled", "is_active",
            "vat_registered", "vat_percent", "brand_colour",
            "street_address", "rt_rw", "village", "district", "city", "province",
            "postal_code", "created_at",
        )

    @staticmethod
    def resolve_logo_url(root: Cooperative, info):
        return info.context.build_absolute_uri(root.logo.url) if root.logo else None

    @staticmethod
    def resolve_address_line(root: Cooperative, info):
        return root.address_line

    @staticmethod
    @permission_required(Permission.MANAGE_COOPERATIVE)
    def resolve_host_names(root: Cooperative, info):
        return root.host_names

    @staticmethod
    @permission_required(Permission.MANAGE_COOPERATIVE)
    def resolve_default_commission_percent(root: Cooperative, info):
        return root.default_commission_percent

    @staticmethod
    def resolve_viewer_role(root: Cooperative, info):
        return staff_role(info.context.user, root)


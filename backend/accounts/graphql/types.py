"""The accounts' GraphQL types: people, their staff roles, and the error type of their
mutations."""

import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.graphql.core.connections import CountableConnection
from backend.graphql.core.errors import error_code_enum, error_type

from ..error_codes import AccountErrorCode as Codes
from ..models import StaffMembership, User
from ..permissions import Role
from ..selectors import staff_memberships_visible_to

StaffRoleEnum = graphene.Enum("StaffRoleEnum", [(r.name, r.value) for r in Role],
                              description="A staff member's role in one cooperative.")

AccountErrorCode = error_code_enum("AccountErrorCode", Codes)
AccountError = error_type("AccountError", AccountErrorCode)


class UserNode(DjangoObjectType):
    """A person's account. Shown to the person, to the operator, and (name and contact) to
    managers of cooperatives where the person is staff."""

    is_operator = graphene.Boolean(required=True)

    class Meta:
        model = User
        name = "User"
        interfaces = (relay.Node,)
        fields = ("id", "email", "phone", "full_name", "language", "date_joined")

    @staticmethod
    def resolve_is_operator(root: User, info):
        return root.is_superuser


class StaffMemberNode(DjangoObjectType):
    role = graphene.Field(StaffRoleEnum, required=True)

    class Meta:
        model = StaffMembership
        name = "StaffMember"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "user", "cooperative", "role", "created_at")

    @classmethod
    def filter_queryset(cls, queryset, info):
        return staff_memberships_visible_to(info.context.user, queryset)


class MeNode(DjangoObjectType):
    """The signed-in person, with the cooperatives where they are staff."""

    is_operator = graphene.Boolean(required=True)
    staff_memberships = graphene.List(graphene.NonNull(StaffMemberNode), required=True)

    class Meta:
        model = User
        name = "Me"
        interfaces = (relay.Node,)
        fields = ("id", "email", "phone", "full_name", "language", "date_joined")
        skip_registry = True

    memberships = graphene.List(graphene.NonNull("members.graphql.types.MemberNode"),
                                required=True, description="Your memberships, one per "
                                                           "cooperative.")

    orders = graphene.List(graphene.NonNull("orders.graphql.types.OrderNode"), required=True,
                           description="Your orders, newest first (the latest 50).")

    resolve_is_operator = UserNode.resolve_is_operator

    @staticmethod
    def resolve_orders(root, info):
        return root.orders.select_related("pickup_location").order_by("-created_at")[:50]

    @staticmethod
    def resolve_memberships(root, info):
        return root.memberships.select_related("cooperative").order_by("cooperative__name")

    @staticmethod
    def resolve_staff_memberships(root: User, info):
        return root.staff_memberships.select_related("cooperative").order_by("cooperative__name")

"""A cooperative's staff: add a person with a role, change the role, take it away."""

import graphene

from backend.graphql.core.inputs import enum_value
from backend.graphql.core.mutations import BaseMutation, ModelMutation

from ... import services
from ...models import StaffMembership
from ...permissions import Permission
from ..types import AccountError, StaffMemberNode, StaffRoleEnum


class StaffMemberAddInput(graphene.InputObjectType):
    login = graphene.String(required=True, description="The person's email or phone.")
    role = graphene.Field(StaffRoleEnum, required=True)
    full_name = graphene.String(description="Used when the person has no account yet.")


class StaffMemberAdd(BaseMutation):
    staff_member = graphene.Field(StaffMemberNode)

    class Arguments:
        cooperative = graphene.String(description="Slug; defaults to the request's cooperative.")
        input = StaffMemberAddInput(required=True)

    class Meta:
        description = "Give a person a staff role; a new person gets an e-mail to set a password."
        error_type = AccountError
        permission = Permission.MANAGE_STAFF

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        membership = services.staff_member_add(
            cls.get_cooperative(info, cooperative=cooperative), login=input["login"],
            role=enum_value(input["role"]), full_name=input.get("full_name") or "")
        return cls(staff_member=membership, errors=[])


class _StaffMemberByIdMutation(ModelMutation):
    node = StaffMemberNode

    class Meta:
        abstract = True

    @classmethod
    def queryset(cls):
        return StaffMembership.objects.select_related("cooperative", "user")


class StaffMemberUpdate(_StaffMemberByIdMutation):
    staff_member = graphene.Field(StaffMemberNode)

    class Arguments:
        id = graphene.ID(required=True)
        role = StaffRoleEnum(required=True)

    class Meta:
        description = "Change a staff member's role."
        error_type = AccountError
        permission = Permission.MANAGE_STAFF

    @classmethod
    def perform_mutation(cls, root, info, id, role):
        membership = services.staff_member_update(cls.get_object(info, id),
                                                  role=enum_value(role))
        return cls(staff_member=membership, errors=[])


class StaffMemberRemove(_StaffMemberByIdMutation):
    removed_id = graphene.ID()

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Take a person's staff role away; their account stays."
        error_type = AccountError
        permission = Permission.MANAGE_STAFF

    @classmethod
    def perform_mutation(cls, root, info, id):
        services.staff_member_remove(cls.get_object(info, id))
        return cls(removed_id=id, errors=[])

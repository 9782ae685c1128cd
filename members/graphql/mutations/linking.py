"""A shopper's account linked to a member of the register: claim and verify, link and
unlink by staff, revoke member cards."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.errors import errors_from_validation
from backend.graphql.core.ids import IdKind, node_for
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.permissions import authenticated_user
from backend.ratelimit import client_address

from ...models import MembershipClaim
from ...selectors import membership_of, own_claims
from ...services import card, linking
from ..types import MemberError, MemberNode

# A claim ID is handed only to the shopper who asked; nobody else can use it.
CLAIM = IdKind("MembershipClaim", MembershipClaim, own_claims)


class MembershipClaim_(BaseMutation):
    claim_id = graphene.ID(description="Give it, with the code, to membershipVerify.")

    class Arguments:
        cooperative = graphene.String()
        member_number = graphene.String(required=True)
        phone = graphene.String(required=True, description="The phone in the register.")

    class Meta:
        name = "MembershipClaim"
        description = "Ask for a one-time code to link your account to your membership. The "\
                      "code goes to the phone in the register, if the number and phone match."
        error_type = MemberError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, member_number, phone, cooperative=None):
        claim = linking.membership_claim(cls.get_cooperative(info, cooperative=cooperative),
                                         authenticated_user(info), member_number=member_number,
                                         phone=phone, client=client_address(info.context))
        return cls(claim_id=graphene.Node.to_global_id("MembershipClaim", claim.pk), errors=[])


class MembershipVerify(BaseMutation):
    member = graphene.Field(MemberNode)

    class Arguments:
        claim_id = graphene.ID(required=True)
        code = graphene.String(required=True)

    class Meta:
        error_type = MemberError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, claim_id, code):
        claim = node_for(info, claim_id, CLAIM, field="claim_id")
        try:
            member = linking.membership_verify(claim, authenticated_user(info), code)
        except linking.WrongCode as wrong:
            # Returned, not raised: the counted try must be kept.
            return cls(errors=errors_from_validation(wrong.error, cls._meta.error_code_enum))
        return cls(member=member, errors=[])


class _MemberByIdMutation(ModelMutation):
    member = graphene.Field(MemberNode)
    node = MemberNode

    class Meta:
        abstract = True


class MemberLink(_MemberByIdMutation):
    class Arguments:
        id = graphene.ID(required=True)
        login = graphene.String(required=True, description="The account's email or phone.")

    class Meta:
        description = "Link a member to an account by hand."
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, id, login):
        return cls(member=linking.member_link(cls.get_object(info, id), login), errors=[])


class MemberUnlink(_MemberByIdMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Unlink a member's account; its member card stops working."
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, id):
        return cls(member=linking.member_unlink(cls.get_object(info, id)), errors=[])


class MemberCardRevoke(BaseMutation):
    done = graphene.Boolean()

    class Arguments:
        cooperative = graphene.String()

    class Meta:
        description = "Stop every member card shown before (a lost phone, say)."
        error_type = MemberError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, cooperative=None):
        member = membership_of(authenticated_user(info),
                               cls.get_cooperative(info, cooperative=cooperative))
        if member is not None:
            card.member_card_revoke(member)
        return cls(done=member is not None, errors=[])

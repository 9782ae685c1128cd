import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.accounts.permissions import Permission
from backend.error_codes import CommonErrorCode
from backend.graphql.core.errors import NotFound, errors_from_validation
from backend.graphql.core.ids import IdKind, node_for
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.permissions import (
    authenticated_user,
    check_permission,
    require_cooperative,
)
from backend.ratelimit import client_address

from ..models import MembershipClaim
from ..selectors import membership_of, own_claims
from ..services import card, linking
from ..services.eligibility import member_eligibility
from .errors import MemberError
from .types import MemberNode, MemberStatusEnum

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


class MemberCard(graphene.ObjectType):
    member_number = graphene.String(required=True)
    full_name = graphene.String(required=True)
    status = graphene.Field(MemberStatusEnum, required=True)
    token = graphene.String(required=True, description="What the QR code holds.")
    qr_svg = graphene.String(required=True, description="The QR code as an SVG image.")


class MemberCardScan(graphene.ObjectType):
    member_number = graphene.String(required=True)
    full_name = graphene.String(required=True)
    status = graphene.Field(MemberStatusEnum, required=True)
    eligible_for_member_price = graphene.Boolean(required=True)
    note = graphene.String()


class LinkingQueries(graphene.ObjectType):
    member_card = graphene.Field(MemberCard, cooperative=graphene.String(),
                                 description="The signed-in member's card.")
    member_card_scan = graphene.Field(
        MemberCardScan, token=graphene.String(required=True), cooperative=graphene.String(),
        description="Who a scanned member card names (cashiers, and the member). No NIK.")

    @staticmethod
    def resolve_member_card(root, info, cooperative=None):
        member = membership_of(authenticated_user(info), require_cooperative(info, cooperative))
        if member is None:
            return None
        return MemberCard(member_number=member.member_number, full_name=member.full_name,
                          status=str(member.status), token=card.member_card_token(member),
                          qr_svg=card.member_card_qr_svg(member))

    @staticmethod
    def resolve_member_card_scan(root, info, token, cooperative=None):
        coop = require_cooperative(info, cooperative)
        user = authenticated_user(info)
        try:
            member = card.member_from_card(token, coop)
        except ValidationError as error:
            raise NotFound(error.messages[0]) from None
        if member.user_id != user.pk:
            check_permission(info, coop, Permission.HANDLE_SALES)
        eligibility = member_eligibility(member.user, coop) if member.user_id else None
        eligible = bool(eligibility and eligibility.eligible)
        return MemberCardScan(member_number=member.member_number, full_name=member.full_name,
                              status=str(member.status), eligible_for_member_price=eligible,
                              note=eligibility.message if eligibility else None)


class MyMemberData(graphene.ObjectType):
    filename = graphene.String(required=True)
    content = graphene.JSONString(required=True)


class PrivacyQueries(graphene.ObjectType):
    my_member_data = graphene.Field(
        MyMemberData, cooperative=graphene.String(),
        description="Everything the cooperative holds about you, to download (UU PDP).")

    @staticmethod
    def resolve_my_member_data(root, info, cooperative=None):
        from ..services.privacy import own_data

        user = authenticated_user(info)
        member = membership_of(user, require_cooperative(info, cooperative))
        if member is None:
            return None
        return MyMemberData(filename=f"data-anggota-{member.member_number}.json",
                            content=own_data(member, user))


class MemberDataDeletionRequest(BaseMutation):
    done = graphene.Boolean()

    class Arguments:
        cooperative = graphene.String()

    class Meta:
        description = "Erase your personal data from the register and end the link. Your "\
                      "member number, savings and purchases stay, as cooperative law requires."
        error_type = MemberError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, cooperative=None):
        from ..services.privacy import member_anonymise

        user = authenticated_user(info)
        member = membership_of(user, cls.get_cooperative(info, cooperative=cooperative))
        if member is None:
            raise ValidationError({"cooperative": ValidationError(
                _("You have no membership here."), code=CommonErrorCode.NOT_FOUND)})
        member_anonymise(member, user)
        return cls(done=True, errors=[])


class MemberExport(BaseMutation):
    filename = graphene.String()
    content_type = graphene.String()
    content = graphene.String(description="The file, base64-encoded.")

    class Arguments:
        cooperative = graphene.String()
        format = graphene.String(required=True, default_value="csv", description="csv or xlsx")
        include_nik = graphene.Boolean(required=True, default_value=False,
                                       description="Full NIK instead of masked; logged.")

    class Meta:
        description = "The register as a spreadsheet (managers); every export is logged."
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, cooperative=None, format="csv", include_nik=False):
        import base64

        from ..services.privacy import register_export

        filename, content_type, content = register_export(
            cls.get_cooperative(info, cooperative=cooperative), info.context.user,
            file_format="xlsx" if format == "xlsx" else "csv", include_nik=include_nik)
        return cls(filename=filename, content_type=content_type,
                   content=base64.b64encode(content).decode(), errors=[])


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

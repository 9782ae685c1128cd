"""Personal data (UU PDP): a member erasing theirs, a manager exporting the register."""

import base64

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.accounts.permissions import Permission
from backend.error_codes import CommonErrorCode
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import authenticated_user

from ...selectors import membership_of
from ..types import MemberError


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
        from ...services.privacy import member_anonymise

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

        from ...services.privacy import register_export

        filename, content_type, content = register_export(
            cls.get_cooperative(info, cooperative=cooperative), info.context.user,
            file_format="xlsx" if format == "xlsx" else "csv", include_nik=include_nik)
        return cls(filename=filename, content_type=content_type,
                   content=base64.b64encode(content).decode(), errors=[])

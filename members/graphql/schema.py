import graphene
from graphene.types.generic import GenericScalar

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.ids import find_node
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import permission_required, require_cooperative
from backend.graphql.core.upload import Upload
from backend.uploads import SPREADSHEET_MAX_BYTES, read_upload

from .. import selectors
from ..models import ImportSource, MemberImport
from ..services.register import register_import, rows_from_file
from .errors import MemberError
from .import_jobs import MemberImportStart
from .linking import (
    LinkingQueries,
    MemberCardRevoke,
    MemberDataDeletionRequest,
    MemberExport,
    MemberLink,
    MembershipClaim_,
    MembershipVerify,
    MemberUnlink,
    PrivacyQueries,
)
from .prices import (
    PriceQueries,
    PriceRuleCreate,
    PriceRuleDelete,
    PriceRuleUpdate,
    VariantMemberPriceSet,
)
from .shu import ShuCalculate, ShuExport, ShuQueries
from .sync import MemberSyncRun, MemberSyncSourceUpdate, SyncQueries
from .types import MemberImportNode, MemberNode, MemberStatusEnum


class RegisterRowError(graphene.ObjectType):
    row = graphene.Int(required=True, description="Row number in the sheet (header is 1), or "
                                                  "position in the list (first is 1).")
    field = graphene.String(required=True)
    message = graphene.String(required=True)


class RegisterImportResult(graphene.ObjectType):
    applied = graphene.Boolean(required=True, description="False for a dry run, or when any "
                                                         "row has a problem: nothing changed.")
    rows = graphene.Int(required=True)
    created = graphene.Int(required=True)
    updated = graphene.Int(required=True)
    unchanged = graphene.Int(required=True)
    deactivated = graphene.Int(required=True)
    row_errors = graphene.List(graphene.NonNull(RegisterRowError), required=True)
    new_member_numbers = graphene.List(graphene.NonNull(graphene.String), required=True,
                                       description="The first 100.")
    changed_member_numbers = graphene.List(graphene.NonNull(graphene.String), required=True,
                                           description="The first 100.")
    deactivated_member_numbers = graphene.List(graphene.NonNull(graphene.String),
                                               required=True, description="The first 100.")
    record = graphene.Field(MemberImportNode)

    @staticmethod
    def of(report):
        return RegisterImportResult(
            applied=report.applied, rows=report.rows, created=len(report.created),
            updated=len(report.changed), unchanged=report.unchanged,
            deactivated=len(report.deactivated),
            row_errors=[RegisterRowError(row=e.row, field=e.field, message=e.message)
                        for e in report.errors[:1000]],
            new_member_numbers=report.created[:100],
            changed_member_numbers=report.changed[:100],
            deactivated_member_numbers=report.deactivated[:100], record=report.record)


class MemberQueries(LinkingQueries, PriceQueries, SyncQueries, PrivacyQueries, ShuQueries,
                    graphene.ObjectType):
    members = DjangoConnectionField(
        MemberNode, cooperative=graphene.String(), search=graphene.String(
            description="Member number, part of the name, or phone digits."),
        status=MemberStatusEnum(), active=graphene.Boolean(),
        description="The register: managers only.")
    member = graphene.Field(MemberNode, id=graphene.ID(required=True))
    member_imports = DjangoConnectionField(MemberImportNode, cooperative=graphene.String())

    @staticmethod
    @permission_required(Permission.MANAGE_MEMBERS)
    def resolve_members(root, info, cooperative=None, search="", status=None, active=None,
                        **kwargs):
        return selectors.member_search(require_cooperative(info, cooperative), search or "",
                                       active=active, status=enum_value(status))

    @staticmethod
    def resolve_member(root, info, id):
        return find_node(info, id, MemberNode)

    @staticmethod
    @permission_required(Permission.MANAGE_MEMBERS)
    def resolve_member_imports(root, info, cooperative=None, **kwargs):
        return MemberImport.objects.of(require_cooperative(info, cooperative))


class MemberImportMutation(BaseMutation):
    result = graphene.Field(RegisterImportResult)

    class Arguments:
        cooperative = graphene.String()
        file = Upload(required=True, description=".csv or .xlsx of the register.")
        dry_run = graphene.Boolean(required=True, default_value=True)
        full_sync = graphene.Boolean(required=True, default_value=False, description=(
            "The file is the whole register: members not in it become inactive (never "
            "deleted)."))
        mapping = GenericScalar(description='Column names of this file, e.g. {"member_number":'
                                            ' "No Induk", "phone": "Telp"}.')

    class Meta:
        name = "MemberImport"
        description = "Import the member register from a spreadsheet: check, then apply."
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, file, cooperative=None, dry_run=True,
                         full_sync=False, mapping=None):
        rows = rows_from_file(read_upload(file, "file", SPREADSHEET_MAX_BYTES), file.name,
                              mapping if isinstance(mapping, dict) else None)
        report = register_import(cls.get_cooperative(info, cooperative=cooperative), rows,
                                 actor=info.context.user, source=ImportSource.UPLOAD,
                                 filename=file.name, dry_run=dry_run, full_sync=full_sync)
        return cls(result=RegisterImportResult.of(report), errors=[])


class MemberInput(graphene.InputObjectType):
    member_number = graphene.String(required=True)
    full_name = graphene.String(required=True)
    nik = graphene.String()
    phone = graphene.String()
    email = graphene.String()
    address = graphene.String()
    date_joined = graphene.String(description="YYYY-MM-DD")
    status = graphene.String(description="anggota, calon anggota, anggota luar biasa, keluar, "
                                          "diberhentikan, meninggal")
    category = graphene.String()
    dues_paid_until = graphene.String(description="YYYY-MM, or a date")
    savings_pokok = graphene.String()
    savings_wajib = graphene.String()
    savings_sukarela = graphene.String()


class MemberBulkUpsert(BaseMutation):
    result = graphene.Field(RegisterImportResult)

    class Arguments:
        cooperative = graphene.String()
        members = graphene.List(graphene.NonNull(MemberInput), required=True)
        dry_run = graphene.Boolean(required=True, default_value=False)
        full_sync = graphene.Boolean(required=True, default_value=False)

    class Meta:
        description = "For a cooperative's own system: create or update members by member "\
                      "number, with the same checks as a spreadsheet import."
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, members, cooperative=None, dry_run=False,
                         full_sync=False):
        rows = [(position, {k: str(v) for k, v in dict(m).items() if v is not None})
                for position, m in enumerate(members, start=1)]
        report = register_import(cls.get_cooperative(info, cooperative=cooperative), rows,
                                 actor=info.context.user, source=ImportSource.API,
                                 dry_run=dry_run, full_sync=full_sync)
        return cls(result=RegisterImportResult.of(report), errors=[])


class MemberMutations(graphene.ObjectType):
    member_import = MemberImportMutation.Field(deprecation_reason=(
        "Runs in the request: use memberImportStart, a job to poll with job(id:)."))
    member_import_start = MemberImportStart.Field()
    member_bulk_upsert = MemberBulkUpsert.Field()
    membership_claim = MembershipClaim_.Field()
    membership_verify = MembershipVerify.Field()
    member_link = MemberLink.Field()
    member_unlink = MemberUnlink.Field()
    member_card_revoke = MemberCardRevoke.Field()
    variant_member_price_set = VariantMemberPriceSet.Field()
    price_rule_create = PriceRuleCreate.Field()
    price_rule_update = PriceRuleUpdate.Field()
    price_rule_delete = PriceRuleDelete.Field()
    member_sync_source_update = MemberSyncSourceUpdate.Field()
    member_sync_run = MemberSyncRun.Field()
    member_export = MemberExport.Field()
    member_data_deletion_request = MemberDataDeletionRequest.Field()
    shu_calculate = ShuCalculate.Field()
    shu_export = ShuExport.Field()


__all__ = ["MemberMutations", "MemberQueries"]

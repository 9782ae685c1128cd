"""The member register from a spreadsheet or another system: a saved job to start and
poll (memberImportStart), the older in-request import, and a bulk upsert."""

import graphene
from graphene.types.generic import GenericScalar

from backend.accounts.permissions import Permission
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.upload import Upload
from backend.jobs.graphql import JobType, job_pk
from backend.uploads import SPREADSHEET_MAX_BYTES, read_upload

from ...models import ImportSource
from ...services.import_jobs import member_import_apply, member_import_start
from ...services.register import register_import, rows_from_file
from ..types import MemberError, RegisterImportResult


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


class MemberImportStart(BaseMutation):
    job = graphene.Field(JobType, description="Poll job(id:) until its state is DONE; its "
                                              "result is the report, its errors the rows "
                                              "with problems.")

    class Arguments:
        cooperative = graphene.String()
        file = Upload(description=".csv or .xlsx of the register: checked, nothing changes.")
        checked_job = graphene.ID(description="Apply the file of this finished check (one "
                                              "without row problems) instead.")
        full_sync = graphene.Boolean(required=True, default_value=False, description=(
            "The file is the whole register: members not in it become inactive (never "
            "deleted)."))
        mapping = GenericScalar(description='Column names of this file, e.g. {"member_number":'
                                            ' "No Induk", "phone": "Telp"}.')

    class Meta:
        description = ("Import the member register in a worker: first start a check with "
                       "`file`, then apply it with `checkedJob`.")
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, cooperative=None, file=None, checked_job=None,
                         full_sync=False, mapping=None):
        coop, user = cls.get_cooperative(info, cooperative=cooperative), info.context.user
        if file is not None:
            job = member_import_start(
                coop, user, content=read_upload(file, "file", SPREADSHEET_MAX_BYTES),
                filename=file.name, full_sync=full_sync,
                mapping=mapping if isinstance(mapping, dict) else None)
        else:
            job = member_import_apply(coop, user, job_pk(checked_job))
        return cls(job=JobType.of(job), errors=[])

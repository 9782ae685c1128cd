"""The register import as a saved job: start it here, then poll `job(id:)` (the console's
import page polls the same job)."""

import graphene
from graphene.types.generic import GenericScalar
from graphql_relay import from_global_id

from backend.accounts.permissions import Permission
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.upload import Upload
from backend.jobs.graphql import JobType
from backend.uploads import SPREADSHEET_MAX_BYTES, read_upload

from ..services.import_jobs import member_import_apply, member_import_start
from .errors import MemberError


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
            job = member_import_apply(coop, user, _job_pk(checked_job))
        return cls(job=JobType.of(job), errors=[])


def _job_pk(global_id) -> str:
    try:
        type_name, pk = from_global_id(global_id or "")
    except (ValueError, TypeError, UnicodeDecodeError):
        return ""
    return pk if type_name == "Job" else ""

"""The stock sheet import as a saved job: check a file, then apply the check."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.upload import Upload
from backend.jobs.graphql import JobType, job_pk
from backend.uploads import SPREADSHEET_MAX_BYTES, read_upload

from ...stock_import import stock_import_apply, stock_import_start
from ..types import InventoryError


class StockImportStart(BaseMutation):
    job = graphene.Field(JobType, description="Poll job(id:) until its state is DONE; its "
                                              "result is the report by row, its errors the "
                                              "rows' problems.")

    class Arguments:
        cooperative = graphene.String()
        file = Upload(description=".csv or .xlsx with columns SKU, store (code or name) and "
                                  "quantity: 12 is a count, +12 or -3 an adjustment. Checked, "
                                  "nothing changes.")
        checked_job = graphene.ID(description="Apply the file of this finished check (one "
                                              "without row problems) instead: all rows or none.")

    class Meta:
        description = ("Import stock counts in a worker: first start a check with `file`, "
                       "then apply it with `checkedJob`.")
        error_type = InventoryError
        permission = Permission.MANAGE_INVENTORY

    @classmethod
    def perform_mutation(cls, root, info, cooperative=None, file=None, checked_job=None):
        coop, user = cls.get_cooperative(info, cooperative=cooperative), info.context.user
        if file is not None:
            job = stock_import_start(coop, user, filename=file.name,
                                     content=read_upload(file, "file", SPREADSHEET_MAX_BYTES))
        else:
            job = stock_import_apply(coop, user, job_pk(checked_job))
        return cls(job=JobType.of(job), errors=[])

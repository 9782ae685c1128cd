"""The member register import as a saved job (backend.jobs): the console page and the API
start the same job and poll the same row. First a check of the file (nothing changes; the
report by row), then, when the manager says so, the same kept file applied whole."""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.accounts.permissions import Permission
from backend.error_codes import CommonErrorCode
from backend.jobs.kinds import JobOutcome, job_kind_register
from backend.jobs.models import Job
from backend.jobs.selectors import check_may_be_applied, checked_job_of
from backend.jobs.services import job_start
from backend.kept_files import file_forget, file_keep, file_read

from ..models import ImportSource
from .register import register_import, rows_from_file

KIND = "member_register_import"
PROGRESS_EVERY = 500


def _choose_again() -> ValidationError:
    return ValidationError({"file": ValidationError(_("Choose the file again, please."),
                                                    code=CommonErrorCode.REQUIRED)})


def _no_such_check() -> ValidationError:
    return ValidationError({"checked_job": ValidationError(
        _("No register check with this ID."), code=CommonErrorCode.NOT_FOUND)})


def member_import_start(cooperative, actor, *, content: bytes, filename: str,
                        full_sync: bool = False, mapping: dict | None = None) -> Job:
    """Check a register file in a worker; returns the job (its report: row problems, new,
    changed and deactivated members). Nothing in the register changes."""
    if not content:
        raise _choose_again()
    return job_start(KIND, cooperative, actor, {
        "file": file_keep(content), "filename": filename, "full_sync": bool(full_sync),
        "mapping": mapping or None, "dry_run": True})


def member_import_apply(cooperative, actor, checked_job_id) -> Job:
    """Apply the file an earlier check of this cooperative kept, if it found no problem."""
    checked = checked_job_of(cooperative, KIND, checked_job_id)
    if checked is None:  # another cooperative's check gets the same answer as none at all
        raise _no_such_check()
    if not check_may_be_applied(checked, "file"):
        raise _choose_again()
    return job_start(KIND, cooperative, actor, {**checked.params, "dry_run": False,
                                                "checked_job": str(checked.pk)})


def member_import_run(job: Job, progress) -> JobOutcome:
    """The worker's part: read the kept file, counting rows as they go by."""
    params = job.params
    content = file_read(params["file"])
    if content is None:
        raise _choose_again()

    def counted(rows):
        for count, row in enumerate(rows, 1):
            if count % PROGRESS_EVERY == 0:
                progress(count)
            yield row

    report = register_import(job.cooperative, counted(rows_from_file(
        content, params["filename"], params.get("mapping"))), actor=job.user,
        source=ImportSource.UPLOAD, filename=params["filename"], dry_run=params["dry_run"],
        full_sync=params["full_sync"])
    progress(report.rows)
    if report.applied:
        file_forget(params["file"])
    summary = {k: v for k, v in asdict(report).items() if k not in ("record", "errors")}
    return JobOutcome(summary, [asdict(e) for e in report.errors])


def register_job_kinds() -> None:
    job_kind_register(KIND, member_import_run, Permission.MANAGE_MEMBERS)

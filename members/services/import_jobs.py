"""A register import run by a Celery worker, so a large file never holds up the page: the
page starts a job, then shows how far it has come until its report is ready. Progress and
the report live in the cache (a worker's uncommitted rows are invisible to other
connections; the cache is not)."""

import uuid
from dataclasses import asdict

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.kept_files import file_forget, file_keep, file_read

from .register import register_import, rows_from_file

JOB_SECONDS = 6 * 3600
PROGRESS_EVERY = 500


def _key(job_id: str) -> str:
    return f"member-import-job:{job_id}"


def import_job(job_id: str) -> dict | None:
    if not job_id or not job_id.isalnum():
        return None
    return cache.get(_key(job_id))


def _save(job_id: str, job: dict) -> None:
    cache.set(_key(job_id), job, JOB_SECONDS)


def import_job_start(cooperative, actor, *, content: bytes | None, filename: str,
                     full_sync: bool, apply_job: str = "") -> str:
    """Check a file (content given) or apply the file an earlier check has kept
    (apply_job); the work happens in a worker. Returns the new job's id."""
    from ..tasks import run_register_import

    if apply_job:
        earlier = import_job(apply_job)
        if not earlier or earlier["cooperative"] != cooperative.pk or not earlier.get(
                "file") or earlier.get("errors"):
            raise ValidationError({"file": ValidationError(
                _("Choose the file again, please."), code=CommonErrorCode.REQUIRED)})
        stored, filename, full_sync = earlier["file"], earlier["filename"], earlier["full_sync"]
    else:
        stored = file_keep(content)
    job_id = uuid.uuid4().hex
    _save(job_id, {"cooperative": cooperative.pk, "actor": getattr(actor, "pk", None),
                   "file": stored, "filename": filename, "full_sync": full_sync,
                   "dry_run": not apply_job, "state": "waiting", "rows_read": 0})
    transaction.on_commit(lambda: run_register_import.delay(job_id))
    return job_id


def import_job_run(job_id: str) -> None:
    """The worker's part: read the kept file, counting rows as they go by."""
    from backend.accounts.models import User
    from backend.cooperatives.models import Cooperative

    job = import_job(job_id)
    if job is None or job["state"] not in ("waiting", "running"):
        return  # done already (a redelivered task)
    job["state"] = "running"
    _save(job_id, job)
    cooperative = Cooperative.objects.get(pk=job["cooperative"])
    actor = User.objects.filter(pk=job["actor"]).first()
    content = file_read(job["file"])
    if content is None:
        _save(job_id, {**job, "state": "done", "problem": _("Choose the file again, please.")})
        return

    def counted(rows):
        for count, row in enumerate(rows, 1):
            if count % PROGRESS_EVERY == 0:
                _save(job_id, {**job, "rows_read": count})
            yield row

    try:
        report = register_import(cooperative, counted(rows_from_file(content, job["filename"])),
                                 actor=actor, filename=job["filename"],
                                 dry_run=job["dry_run"], full_sync=job["full_sync"])
    except ValidationError as error:
        _save(job_id, {**job, "state": "done", "problem": " ".join(error.messages)})
        return
    summary = {k: v for k, v in asdict(report).items() if k != "record"}
    _save(job_id, {**job, "state": "done", "rows_read": report.rows, "report": summary,
                   "errors": bool(report.errors)})
    if report.applied:
        file_forget(job["file"])

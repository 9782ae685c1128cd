"""Starting, running and finishing saved jobs of the kinds registered in `kinds`; the
Celery task `backend.jobs.tasks.run_job` runs any of them.

A killed worker loses nothing: tasks are acknowledged late and given back when a worker is
lost (settings CELERY_TASK_ACKS_LATE, CELERY_TASK_REJECT_ON_WORKER_LOST), and a job that was
running when its worker died is simply run again: a runner does its work in one transaction
(or otherwise so that running twice is harmless), and a finished job is never run again."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.celery import app

from .kinds import job_kind
from .models import Job, JobState

MAX_ATTEMPTS = 3
PROGRESS_SECONDS = 24 * 3600


def job_start(kind: str, cooperative, user, params: dict) -> Job:
    """Save the job and hand it to a worker once the caller's transaction commits."""
    if job_kind(kind) is None:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, cooperative=cooperative, params=params,
                             user=user if getattr(user, "is_authenticated", False) else None)
    transaction.on_commit(lambda: app.send_task("backend.jobs.tasks.run_job",
                                                args=[str(job.pk)]))
    return job


def _progress_key(job_id) -> str:
    return f"job-progress:{job_id}"


def job_progress(job: Job, done: int, total: int | None = None) -> None:
    """How far a running job has come. A runner reports from inside its own transaction,
    whose rows nobody else sees until it commits, so the live count goes through the cache;
    the job's row gets the final count when it finishes."""
    cache.set(_progress_key(job.pk), (done, total), PROGRESS_SECONDS)


def job_progress_of(job: Job) -> tuple[int, int | None]:
    if job.state == JobState.RUNNING:
        live = cache.get(_progress_key(job.pk))
        if live is not None:
            return tuple(live)
    return job.progress, job.total


def job_finish(job: Job, *, result: dict | None, errors: list[dict],
               failed: bool = False) -> Job:
    done, total = job_progress_of(job)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.FAILED if failed else JobState.DONE, result=result, errors=errors,
        progress=done, total=total, finished_at=timezone.now())
    cache.delete(_progress_key(job.pk))
    job.refresh_from_db()
    return job


def _claim(job_id: str) -> Job | None:
    """The job marked running (once more), or None when there is nothing to do."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            return None  # a task delivered twice: the job is done already
        job.state, job.attempts = JobState.RUNNING, job.attempts + 1
        job.started_at = job.started_at or timezone.now()
        job.save(update_fields=["state", "attempts", "started_at"])
        return job


def job_run(job_id: str) -> Job | None:
    """The worker's part: run the job's kind, then save its result or why it failed."""
    job = _claim(job_id)
    if job is None:
        return None
    if job.attempts > MAX_ATTEMPTS:
        return job_finish(job, result=None, failed=True, errors=[{"message": _(
            "The job stopped %(n)s times; start it again.") % {"n": MAX_ATTEMPTS}}])
    kind = job_kind(job.kind)
    if kind is None:  # a kind this version no longer has
        return job_finish(job, result=None, failed=True, errors=[{"message": _(
            "This job cannot run any more; start it again.")}])
    try:
        outcome = kind.run(job, lambda done, total=None: job_progress(job, done, total))
    except ValidationError as error:
        return job_finish(job, result=None, failed=True,
                          errors=[{"message": str(m)} for m in error.messages])
    return job_finish(job, result=outcome.result, errors=outcome.errors)

import uuid

from backend.accounts.selectors import has_permission
from backend.kept_files import file_read

from .kinds import job_kind
from .models import Job, JobState


def job_visible_to(user, job_id, cooperative=None) -> Job | None:
    """A job its starter may see, and staff of its cooperative with the permission its kind
    names; never another cooperative's (`cooperative`, when the request names one)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        job_id = uuid.UUID(str(job_id))
    except ValueError:
        return None
    jobs = Job.objects.all() if cooperative is None else Job.objects.of(cooperative)
    job = jobs.select_related("cooperative").filter(pk=job_id).first()
    if job is None:
        return None
    kind = job_kind(job.kind)
    if job.user_id == user.pk or (kind is not None and has_permission(
            user, job.cooperative_id, kind.permission)):
        return job
    return None


def checked_job_of(cooperative, kind: str, job_id) -> Job | None:
    """A job of `kind` in this cooperative by its id, the check an import would apply; None
    for another cooperative's, another kind's or no job at all (the same answer)."""
    try:
        job_id = uuid.UUID(str(job_id))
    except ValueError:
        return None
    return Job.objects.of(cooperative).filter(pk=job_id, kind=kind).first()


def check_may_be_applied(job: Job, *file_params: str) -> bool:
    """A check that finished without a problem, whose kept files (the params named) are
    still there: what an import applies whole."""
    return job.state == JobState.DONE and not job.errors and bool(job.params.get("dry_run")) \
        and all(file_read(job.params[name]) is not None for name in file_params
                if job.params.get(name))

import uuid

from backend.accounts.selectors import has_permission

from .kinds import job_kind
from .models import Job


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

"""The `job(id:)` query: any saved job's progress, result and errors, polled by API clients
as the console pages poll the same row."""

import graphene
from graphene.types.generic import GenericScalar
from graphql_relay import from_global_id

from backend.cooperatives.tenancy import cooperative_for
from backend.graphql.core.permissions import authenticated_user

from .models import Job, JobState
from .selectors import job_visible_to
from .services import job_progress_of

JobStateEnum = graphene.Enum("JobStateEnum", [(s.name, s.value) for s in JobState])


class JobError(graphene.ObjectType):
    row = graphene.Int(description="The row of the file, when the problem is in one.")
    field = graphene.String()
    message = graphene.String(required=True)


class JobType(graphene.ObjectType):
    class Meta:
        name = "Job"
        description = ("Work that runs in a worker (an import, say): started by a mutation "
                       "or a page, polled until `state` is DONE or FAILED.")

    id = graphene.ID(required=True)
    kind = graphene.String(required=True, description="member_register_import, ...")
    state = graphene.Field(JobStateEnum, required=True)
    progress = graphene.Int(required=True, description="Units done so far (rows read...).")
    total = graphene.Int(description="Units in all, when known.")
    result = GenericScalar(description="What the job's kind reports when done.")
    errors = graphene.List(graphene.NonNull(JobError), required=True)
    created_at = graphene.DateTime(required=True)
    finished_at = graphene.DateTime()

    @staticmethod
    def of(job: Job) -> "JobType":
        done, total = job_progress_of(job)
        return JobType(
            id=graphene.Node.to_global_id("Job", job.pk), kind=job.kind, state=str(job.state),
            progress=done, total=total, result=job.result,
            errors=[JobError(row=e.get("row"), field=e.get("field"), message=e["message"])
                    for e in job.errors], created_at=job.created_at,
            finished_at=job.finished_at)


def job_pk(global_id) -> str:
    """The job's UUID inside a Relay ID of a Job, or "" for anything else."""
    try:
        type_name, pk = from_global_id(global_id or "")
    except (ValueError, TypeError, UnicodeDecodeError):
        return ""
    return pk if type_name == "Job" else ""


def job_from_global_id(info, global_id: str, cooperative: str | None = None) -> Job | None:
    """The job named by a Relay ID, if the asker may see it (a job's id is a UUID)."""
    pk = job_pk(global_id)
    if not pk:
        return None
    return job_visible_to(authenticated_user(info), pk,
                          cooperative_for(info.context, cooperative))


class JobQueries(graphene.ObjectType):
    job = graphene.Field(JobType, id=graphene.ID(required=True),
                         cooperative=graphene.String(),
                         description="A job you started, or one your role lets you see.")

    @staticmethod
    def resolve_job(root, info, id, cooperative=None):
        job = job_from_global_id(info, id, cooperative)
        return JobType.of(job) if job is not None else None

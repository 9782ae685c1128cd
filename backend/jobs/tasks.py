from celery import shared_task

from .services import job_run


@shared_task(name="backend.jobs.tasks.run_job", acks_late=True, reject_on_worker_lost=True)
def run_job(job_id: str) -> None:
    job_run(job_id)

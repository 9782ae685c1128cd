from celery import shared_task

from backend.remote import pull_retry_later

from .models import MemberSyncSource
from .services.sync import FetchFailed, sync_failed, sync_run, syncs_due


@shared_task(bind=True, acks_late=True, max_retries=3)
def sync_member_register(self, source_id: int) -> None:
    source = MemberSyncSource.objects.select_related("cooperative").filter(pk=source_id).first()
    if source is None or not source.enabled:
        return
    try:
        sync_run(source)
    except FetchFailed as error:
        sync_failed(source, str(error))
        pull_retry_later(self)


@shared_task
def run_due_member_syncs() -> int:
    due = list(syncs_due())
    for source in due:
        sync_member_register.delay(source.pk)
    return len(due)

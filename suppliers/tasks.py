from celery import shared_task

from backend.remote import pull_retry_later

from .models import SupplierFeedSource
from .services.pull import FetchFailed, feed_pull, pull_failed, pulls_due


@shared_task(bind=True, acks_late=True, max_retries=3)
def pull_supplier_feed(self, source_id: int) -> None:
    source = SupplierFeedSource.objects.select_related("supplier__cooperative").filter(
        pk=source_id).first()
    if source is None or not source.pull_enabled:
        return
    try:
        feed_pull(source)
    except FetchFailed as error:
        pull_failed(source, str(error))
        pull_retry_later(self)


@shared_task
def run_due_supplier_pulls() -> int:
    """Beat runs this every 15 minutes; each supplier's own schedule (every N hours) says
    whether its feed is due."""
    due = list(pulls_due())
    for source in due:
        pull_supplier_feed.delay(source.pk)
    return len(due)

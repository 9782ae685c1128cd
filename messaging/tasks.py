from celery import shared_task

from .delivery import message_deliver


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def deliver_message(self, message_id: int) -> str:
    """Send one logged message; the row says whether it was sent already (idempotent)."""
    outcome = message_deliver(message_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.state

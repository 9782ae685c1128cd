from celery import shared_task

from .delivery import message_deliver, messages_lost


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def deliver_message(self, message_id: int) -> str:
    """Send one logged message; the row says whether it was sent already (idempotent)."""
    outcome = message_deliver(message_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.state



@shared_task
def requeue_lost_messages() -> int:
    """Beat, every minute: hand lost messages to the workers again."""
    ids = messages_lost()
    for message_id in ids:
        deliver_message.delay(message_id)
    return len(ids)

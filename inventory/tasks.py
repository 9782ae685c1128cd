from celery import shared_task

from .services import reservations_purge


@shared_task
def purge_expired_reservations() -> int:
    return reservations_purge()

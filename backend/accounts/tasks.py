from celery import shared_task

from .codes import codes_purge


@shared_task
def purge_old_codes() -> int:
    return codes_purge()

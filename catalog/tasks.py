from celery import shared_task

from .services.media import media_thumbnails_build
from .services.permits import permits_check


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def make_media_thumbnails(media_id: int) -> None:
    media_thumbnails_build(media_id)


@shared_task
def check_permits() -> dict:
    return permits_check()

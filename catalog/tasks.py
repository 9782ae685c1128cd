from celery import shared_task

from backend.cooperatives.models import Cooperative

from .search import elasticsearch_sync, products_reindex, search_index_rebuild
from .services.media import media_thumbnails_build
from .services.permits import permits_check


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def make_media_thumbnails(media_id: int) -> None:
    media_thumbnails_build(media_id)


@shared_task
def check_permits() -> dict:
    return permits_check()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def index_products_in_elasticsearch(product_ids: list[int]) -> None:
    elasticsearch_sync(product_ids)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def reindex_products(product_ids: list[int]) -> None:
    products_reindex(product_ids)


@shared_task(acks_late=True)
def rebuild_search_index(cooperative_id: int) -> int:
    return search_index_rebuild(Cooperative.objects.get(pk=cooperative_id))

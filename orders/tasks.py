from celery import shared_task

from .services.lifecycle import unpaid_orders_cancel


@shared_task
def cancel_unpaid_orders() -> int:
    return unpaid_orders_cancel()

from celery import shared_task

from .services import payment_attempts_expire, payment_attempts_reconcile


@shared_task
def expire_payments() -> int:
    return payment_attempts_expire()


@shared_task
def reconcile_payments() -> int:
    return payment_attempts_reconcile()

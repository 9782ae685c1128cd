from celery import shared_task

from .services.lifecycle import unpaid_orders_cancel


@shared_task
def cancel_unpaid_orders() -> int:
    return unpaid_orders_cancel()


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600,
             max_retries=8)
def send_message(*, phone: str, email: str, subject: str, message: str) -> None:
    """One order notification; a mail server or gateway that is down is tried again."""
    from members.notifications import order_sender

    order_sender().send(phone=phone, email=email, subject=subject, message=message)

from celery import shared_task

from backend.cooperatives.models import Cooperative

from .services.reminders import dues_reminders_send


@shared_task
def send_dues_reminders() -> int:
    """Daily: each cooperative's dues reminders (at most one per member and period)."""
    return sum(dues_reminders_send(cooperative)
               for cooperative in Cooperative.objects.filter(is_active=True))

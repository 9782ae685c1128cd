"""Dues reminders through the messaging domain: a few days before the due date to a member
who is up to date, and some days after it to one in arrears; at most one per member and
period (the DuesReminder row is the promise)."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from backend.money import format_rupiah
from members.models import Member
from messaging.services import message_send

from ..models import DuesReminder
from .dues import DuesBook, dues_statuses, month_index, savings_settings


def savings_link(cooperative) -> str:
    return settings.PUBLIC_URL + reverse("shop-k:savings", args=[cooperative.slug])


def dues_reminders_send(cooperative, today: datetime.date | None = None) -> int:
    """Send the reminders due today; returns how many were sent."""
    today = today or timezone.localdate()
    options = savings_settings(cooperative)
    book = DuesBook(cooperative)
    if not book.has_rates:
        return 0
    current = month_index(today) - (0 if today >= book.due_on(month_index(today)) else 1)
    wanted = {}
    for pk, status in dues_statuses(cooperative, today).items():
        if not status.tracked or status.next_due_on is None:
            continue
        if status.arrears:
            due = book.due_on(current)
            if (today - due).days >= options.remind_days_after:
                wanted[pk] = (due.replace(day=1), False, status.arrears, due)
        elif 0 <= (status.next_due_on - today).days <= options.remind_days_before:
            wanted[pk] = (status.next_due_on.replace(day=1), True, status.next_amount,
                          status.next_due_on)
    if not wanted:
        return 0
    done = set(DuesReminder.objects.of(cooperative).filter(member_id__in=list(wanted))
               .values_list("member_id", "period"))
    link = savings_link(cooperative)
    sent = 0
    members = Member.objects.of(cooperative).filter(pk__in=list(wanted), is_active=True,
                                                    anonymised_at__isnull=True)
    for member in members.select_related("user"):
        period, before, amount, due = wanted[member.pk]
        if (member.pk, period) in done or not (member.phone or member.email):
            continue
        try:
            with transaction.atomic():
                reminder = DuesReminder.objects.create(
                    cooperative=cooperative, member=member, period=period, before_due=before)
                message = message_send(
                    cooperative, "dues_reminder_before" if before else "dues_reminder_after",
                    {"cooperative": cooperative.name, "amount": format_rupiah(amount),
                     "due": due.strftime("%d-%m-%Y"), "link": link},
                    phone=member.phone, email=member.email,
                    language=getattr(member.user, "language", None))
                reminder.message_id = message.pk
                reminder.save(update_fields=["message_id"])
        except IntegrityError:
            continue  # another run reminded this member of this period just now
        sent += 1
    return sent

"""Reads of the messaging domain."""

from django.db.models import Q, QuerySet

from .models import Message


def message_log(cooperative, *, state: str | None = None, channel: str | None = None,
                template: str | None = None, search: str = "") -> QuerySet[Message]:
    """The cooperative's messages, newest first, filtered for the console."""
    messages = Message.objects.filter(cooperative=cooperative)
    if state:
        messages = messages.filter(state=state)
    if channel:
        messages = messages.filter(channel=channel)
    if template:
        messages = messages.filter(template=template)
    if search.strip():
        digits = "".join(c for c in search if c.isdigit())
        query = Q(email__icontains=search.strip())
        if digits:
            query |= Q(phone__contains=digits.lstrip("0"))
        messages = messages.filter(query)
    return messages.order_by("-created_at", "-pk")

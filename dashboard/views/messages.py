"""The manager console's message log: what was sent to whom, by which channel, what failed and
why, and a button to send a failed message again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.accounts.permissions import Permission
from messaging.models import Channel, Message, MessageState
from messaging.selectors import message_log
from messaging.services import message_retry

from ..access import cooperative_of
from ..inputs import object_id


@login_required
@require_http_methods(["GET", "POST"])
def message_list(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_COOPERATIVE)
    if request.method == "POST":
        message = get_object_or_404(Message.objects.filter(cooperative=cooperative),
                                    pk=object_id(request.POST.get("retry")))
        try:
            message_retry(message)
            messages.success(request, _("The message will be sent again."))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return redirect(request.get_full_path())
    state = request.GET.get("state") if request.GET.get("state") in MessageState.values else ""
    channel = request.GET.get("channel") if request.GET.get("channel") in Channel.values else ""
    search = request.GET.get("q", "")[:100]
    return render(request, "dashboard/manage/messages.html", {
        "cooperative": cooperative, "state": state, "channel": channel, "q": search,
        "states": MessageState.choices, "channels": Channel.choices,
        "messages_sent": message_log(cooperative, state=state, channel=channel,
                                     search=search)[:100]})

"""The manager console's message log: what was sent to whom, by which channel, what failed and
why, and a button to send a failed message again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from backend.accounts.permissions import Permission
from backend.pages import messages_add_errors
from messaging.models import Message
from messaging.selectors import message_log
from messaging.services import message_retry

from ..access import cooperative_of, object_of
from ..forms import MessageFilterForm


@login_required
@require_http_methods(["GET", "POST"])
def message_list(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_COOPERATIVE)
    if request.method == "POST":
        message = object_of(Message.objects.all(), request.POST.get("retry"),
                            cooperative=cooperative)
        try:
            message_retry(message)
            messages.success(request, _("The message will be sent again."))
        except ValidationError as error:
            messages_add_errors(request, error)
        return redirect(request.get_full_path())
    filters = MessageFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    return render(request, "dashboard/manage/messages.html", {
        "cooperative": cooperative, "filters": filters,
        "messages_sent": message_log(cooperative, state=chosen.get("state"),
                                     channel=chosen.get("channel"),
                                     search=chosen.get("q", ""))[:100]})

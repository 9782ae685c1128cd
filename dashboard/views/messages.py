"""The manager console's message log: what was sent to whom, by which channel, what failed and
why, and a button to send a failed message again; and the channel settings (WhatsApp and SMS
on or off, their numbers and keys), the same service as messagingSettingsUpdate."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from backend.accounts.permissions import Permission
from backend.pages import form_add_errors, messages_add_errors
from messaging.channels.sms import SMS_PROVIDERS
from messaging.delivery import channel_settings_of
from messaging.models import DEFAULT_CHANNEL_ORDER, Channel, Message
from messaging.selectors import message_log
from messaging.services import channel_settings_update, message_retry

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


def _secret(label):
    return forms.CharField(label=label, required=False, strip=True, widget=forms.PasswordInput(
        attrs={"autocomplete": "off"}), help_text=gettext_lazy(
            "Stored encrypted and never shown. Leave empty to keep the stored one."))


class ChannelSettingsForm(forms.Form):
    whatsapp_on = forms.BooleanField(label=gettext_lazy("Send by WhatsApp"), required=False)
    whatsapp_phone_number_id = forms.CharField(label=gettext_lazy("WhatsApp phone number ID"),
                                               required=False, max_length=40)
    whatsapp_token = _secret(gettext_lazy("WhatsApp access token"))
    whatsapp_app_secret = _secret(gettext_lazy("WhatsApp app secret"))
    whatsapp_verify_token = forms.CharField(label=gettext_lazy("Webhook verify token"),
                                            required=False, max_length=100)
    sms_on = forms.BooleanField(label=gettext_lazy("Send by SMS"), required=False)
    sms_provider = forms.ChoiceField(label=gettext_lazy("SMS provider"), required=False,
                                     choices=[("", "-")] + [(n, n.title()) for n in
                                                            SMS_PROVIDERS])
    sms_account = forms.CharField(label=gettext_lazy("SMS account (Twilio: Account SID)"),
                                  required=False, max_length=100)
    sms_key = _secret(gettext_lazy("SMS key (Twilio: Auth Token)"))
    sms_sender = forms.CharField(label=gettext_lazy("SMS sender number or name"),
                                 required=False, max_length=20)


@login_required
@require_http_methods(["GET", "POST"])
def channel_settings(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_COOPERATIVE)
    stored = channel_settings_of(cooperative)
    order = list(stored.channel_order or DEFAULT_CHANNEL_ORDER)
    form = ChannelSettingsForm(request.POST or None, initial={
        "whatsapp_on": Channel.WHATSAPP in order, "sms_on": Channel.SMS in order,
        **{name: getattr(stored, name) for name in (
            "whatsapp_phone_number_id", "whatsapp_verify_token", "sms_provider",
            "sms_account", "sms_sender")}})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = {Channel.WHATSAPP.value: data.pop("whatsapp_on"),
                  Channel.SMS.value: data.pop("sms_on"), Channel.EMAIL.value: True}
        for secret in ("whatsapp_token", "whatsapp_app_secret", "sms_key"):
            data[secret] = data[secret] or None  # empty keeps the stored one
        # The order stays as it was; a channel switched on again takes its usual place.
        default = [str(name) for name in DEFAULT_CHANNEL_ORDER]
        channel_order = [str(name) for name in order if chosen.get(str(name))]
        for name in default:
            if chosen[name] and name not in channel_order:
                channel_order.insert(min(default.index(name), len(channel_order)), name)
        try:
            channel_settings_update(cooperative, channel_order=channel_order, **data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("The channel settings are saved."))
            return redirect(request.path)
    return render(request, "dashboard/manage/channels.html", {
        "cooperative": cooperative, "form": form, "stored": stored,
        "whatsapp_webhook": settings.PUBLIC_URL + reverse("whatsapp-webhook", args=[slug]),
        "sms_webhook": settings.PUBLIC_URL + reverse("sms-webhook", args=[slug])},
        status=400 if form.errors else 200)

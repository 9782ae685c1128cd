"""A guest finds an order again (/pesanan/cari/): the phone number given at checkout and the
order number, then the code sent to that phone, then the order page. The services are the
ones the API's orderLookupRequest / orderLookupOpen call."""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from backend.accounts.codes import code_target
from backend.accounts.pages import CodeForm
from backend.pages import form_add_errors
from backend.ratelimit import client_address
from orders.services.lookup import order_lookup_open, order_lookup_request

from ..shop import shop_page, shop_url
from .account import form_page

SESSION_KEY = "order-lookup"


class LookupForm(forms.Form):
    phone = forms.CharField(label=gettext_lazy("Phone number given with the order"),
                            max_length=20, widget=forms.TextInput(attrs={
                                "autocomplete": "tel", "inputmode": "tel"}))
    number = forms.CharField(label=gettext_lazy("Order number"), max_length=40)


@require_http_methods(["GET", "POST"])
@shop_page
def order_lookup(request, cooperative):
    form = LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            order_lookup_request(cooperative, **form.cleaned_data,
                                 client=client_address(request))
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            request.session[SESSION_KEY] = {
                "phone": code_target(form.cleaned_data["phone"], "phone"),
                "number": form.cleaned_data["number"].strip().upper()}
            return redirect(shop_url(request, "order-lookup-code"))
    return form_page(request, form, _("Find my order"), _("Send me a code"),
                     intro=_("Ordered without an account? Enter the phone number you gave and "
                             "the order number (in the message we sent you). We send a code to "
                             "that phone first."),
                     other_link=shop_url(request, "sign-in"),
                     other_text=_("Ordered while signed in? Sign in to see your orders"))


@require_http_methods(["GET", "POST"])
@shop_page
def order_lookup_code(request, cooperative):
    asked = request.session.get(SESSION_KEY)
    if not asked:
        return redirect(shop_url(request, "order-lookup"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            order = order_lookup_open(cooperative, **asked, code=form.cleaned_data["code"],
                                      client=client_address(request))
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            request.session.pop(SESSION_KEY, None)
            return redirect(shop_url(request, "order", order.checkout_token))
    return form_page(request, form, _("Enter the code"), _("Show my order"),
                     intro=_("If order %(number)s was placed with %(phone)s, a 6-digit code is "
                             "on its way by WhatsApp or SMS. It is valid for 5 minutes.")
                     % asked, other_link=shop_url(request, "order-lookup"),
                     other_text=_("Send a new code"))

"""The member's own savings, dues, store credit and statements, and a form to report a dues
transfer (confirmed by staff). The same services answer the GraphQL API."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from backend.pages import form_add_errors
from members.selectors import membership_of
from savings.selectors import savings_overview
from savings.services.dues_payments import dues_receipt_submit

from ..shop import shop_page, shop_url, signed_in


class DuesReceiptForm(forms.Form):
    amount = forms.IntegerField(label=gettext_lazy("Amount transferred (Rp)"), min_value=1)
    transfer_reference = forms.CharField(label=gettext_lazy("Transfer reference number"),
                                         max_length=80)
    transferred_on = forms.DateField(label=gettext_lazy("Date of the transfer"),
                                     widget=forms.DateInput(attrs={"type": "date"}))


@require_http_methods(["GET", "POST"])
@shop_page
@signed_in
def savings_page(request, cooperative):
    member = membership_of(request.user, cooperative)
    if member is None:
        return render(request, "storefront/shop/savings.html", {
            "title": _("My savings"), "member": None})
    form = DuesReceiptForm(request.POST or None, initial={
        "transferred_on": datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            dues_receipt_submit(member, **form.cleaned_data)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            messages.success(request, _("Thank you. Staff will confirm your transfer."))
            return redirect(shop_url(request, "savings"))
    return render(request, "storefront/shop/savings.html", {
        "title": _("My savings"), "member": member, "overview": savings_overview(member),
        "form": form, "transfer_instructions": cooperative.bank_transfer_instructions},
        status=400 if form.errors else 200)

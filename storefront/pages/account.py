"""The shopper's account: sign up and in with a phone or email, claim a membership with a
one-time code, the member card, and the member's own data. Each form calls the service the
GraphQL mutation of the same name calls."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backend.accounts import pages as code_pages
from backend.accounts.services import account_register
from backend.accounts.services import sign_in as account_sign_in
from backend.pages import form_add_errors, safe_next
from backend.ratelimit import client_address
from members.models import MembershipClaim
from members.selectors import membership_of, shu_statements_of
from members.services.card import member_card_qr_svg
from members.services.eligibility import request_eligibility
from members.services.linking import WrongCode, membership_claim, membership_verify
from members.services.privacy import member_anonymise, own_data

from .. import reads
from ..shop import shop_page, shop_url, signed_in


def form_page(request, form, title, submit, **extra):
    return render(request, "storefront/shop/form_page.html", {
        "form": form, "title": title, "submit": submit, **extra},
        status=400 if form.errors else 200)


class SignUpForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Your name"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    login = forms.CharField(label=gettext_lazy("Email or phone number"), max_length=254,
                            widget=forms.TextInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(label=gettext_lazy("Password"), strip=False,
                               help_text=gettext_lazy("At least 8 characters, not only digits."),
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class SignInForm(forms.Form):
    login = forms.CharField(label=gettext_lazy("Email or phone number"), max_length=254,
                            widget=forms.TextInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(label=gettext_lazy("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={
                                   "autocomplete": "current-password"}))


@require_http_methods(["GET", "POST"])
@shop_page
def sign_up(request, cooperative):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        value = form.cleaned_data["login"].strip()
        is_email = "@" in value
        try:
            user = account_register(password=form.cleaned_data["password"],
                                    email=value if is_email else None,
                                    phone=None if is_email else value,
                                    full_name=form.cleaned_data["full_name"],
                                    language=get_language() if get_language() in ("id", "en")
                                    else "id")
        except ValidationError as error:
            form_add_errors(form, error, {"email": "login", "phone": "login"})
        else:
            login(request, user, backend="backend.accounts.backends.EmailOrPhoneBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect(safe_next(request, shop_url(request, "account")))
    return form_page(request, form, _("Create an account"), _("Create my account"),
                      next=safe_next(request, ""), other_link=shop_url(request, "sign-in"),
                      other_text=_("I already have an account: sign in"))


@require_http_methods(["GET", "POST"])
@shop_page
def sign_in(request, cooperative):
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_sign_in(request, form.cleaned_data["login"],
                                   form.cleaned_data["password"])
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            login(request, user, backend="backend.accounts.backends.EmailOrPhoneBackend")
            return redirect(safe_next(request, shop_url(request, "account")))
    return form_page(request, form, _("Sign in"), _("Sign in"),
                      next=safe_next(request, ""), other_link=shop_url(request, "sign-up"),
                      other_text=_("New here? Create an account"),
                      links=[(shop_url(request, "sign-in-code"), _("Sign in with a code")),
                             (shop_url(request, "password-reset"), _("Forgot your password?")),
                             (shop_url(request, "order-lookup"),
                              _("Ordered without an account? Find your order"))])


def _site(request, cooperative) -> code_pages.Site:
    names = {"sign-in": "sign-in", "code-request": "sign-in-code",
             "code-enter": "sign-in-code-enter", "reset": "password-reset",
             "reset-code": "password-reset-code", "after-sign-in": "account"}
    return code_pages.Site(show=form_page, url=lambda name: shop_url(request, names[name]),
                           cooperative=cooperative)


@require_http_methods(["GET", "POST"])
@shop_page
def sign_in_code(request, cooperative):
    return code_pages.code_request_page(request, _site(request, cooperative))


@require_http_methods(["GET", "POST"])
@shop_page
def sign_in_code_enter(request, cooperative):
    return code_pages.code_enter_page(request, _site(request, cooperative))


@require_http_methods(["GET", "POST"])
@shop_page
def password_reset(request, cooperative):
    return code_pages.reset_request_page(request, _site(request, cooperative))


@require_http_methods(["GET", "POST"])
@shop_page
def password_reset_code(request, cooperative):
    return code_pages.reset_code_page(request, _site(request, cooperative))


@require_POST
@shop_page
def sign_out(request, cooperative):
    logout(request)
    return redirect(shop_url(request, "home"))


@require_GET
@shop_page
@signed_in
def account(request, cooperative):
    return render(request, "storefront/shop/account.html", {
        "member": membership_of(request.user, cooperative),
        "eligibility": request_eligibility(request, cooperative), "title": _("My account")})


class ClaimForm(forms.Form):
    member_number = forms.CharField(label=gettext_lazy("Member number"), max_length=40)
    phone = forms.CharField(label=gettext_lazy("Phone number in the member register"),
                            max_length=20, widget=forms.TextInput(attrs={
                                "autocomplete": "tel", "inputmode": "tel"}))


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code from the message"), max_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                         "autocomplete": "one-time-code"}))


@require_http_methods(["GET", "POST"])
@shop_page
@signed_in
def claim(request, cooperative):
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            started = membership_claim(cooperative, request.user, **form.cleaned_data,
                                       client=client_address(request))
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            request.session["storefront-claim"] = started.pk
            return redirect(shop_url(request, "claim-verify"))
    return form_page(request, form, _("Link my membership"), _("Send me a code"),
                      intro=_("Enter your member number and the phone number the cooperative "
                              "has for you. We send a code to that phone."))


@require_http_methods(["GET", "POST"])
@shop_page
@signed_in
def claim_verify(request, cooperative):
    started = MembershipClaim.objects.of(cooperative).filter(
        pk=request.session.get("storefront-claim"), user=request.user).first()
    if started is None:
        return redirect(shop_url(request, "claim"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership_verify(started, request.user, form.cleaned_data["code"])
        except WrongCode as wrong:
            form_add_errors(form, wrong.error)
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            request.session.pop("storefront-claim", None)
            messages.success(request, _("Your membership is linked. You now see member "
                                        "prices."))
            return redirect(shop_url(request, "account"))
    return form_page(request, form, _("Enter the code"), _("Link my membership"),
                      intro=_("If the member number and phone match the register, a 6-digit "
                              "code is on its way."))


def _member_or_none(request, cooperative):
    return membership_of(request.user, cooperative) if request.user.is_authenticated else None


@require_GET
@shop_page
@signed_in
def member_card(request, cooperative):
    member = _member_or_none(request, cooperative)
    if member is None:
        return redirect(shop_url(request, "claim"))
    return render(request, "storefront/shop/member_card.html", {
        "member": member, "qr": member_card_qr_svg(member), "title": _("My member card")})


@require_GET
@shop_page
@signed_in
def member_prices(request, cooperative):
    eligibility = request_eligibility(request, cooperative)
    return render(request, "storefront/shop/member_prices.html", {
        "eligibility": eligibility, "title": _("My member prices"),
        "products": reads.member_price_cards(request, cooperative)
        if eligibility.eligible else []})


@require_GET
@shop_page
@signed_in
def my_data(request, cooperative):
    return render(request, "storefront/shop/my_data.html", {
        "member": _member_or_none(request, cooperative), "title": _("My data")})


@require_POST
@shop_page
def my_data_download(request, cooperative):
    member = _member_or_none(request, cooperative)
    if member is None:
        return redirect(shop_url(request, "my-data"))
    body = json.dumps(own_data(member, request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="data-{member.member_number}.json"'
    return response


@require_POST
@shop_page
def my_data_delete(request, cooperative):
    member = _member_or_none(request, cooperative)
    if member is None or request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that your data should be erased."))
        return redirect(shop_url(request, "my-data"))
    member_anonymise(member, request.user)
    messages.success(request, _("Your personal data in the member register has been erased."))
    return redirect(shop_url(request, "account"))


@require_GET
@shop_page
@signed_in
def shu_statements(request, cooperative):
    """The member's SHU statements in this cooperative, inside the store, with a way back."""
    return render(request, "storefront/shop/shu_statements.html", {
        "rows": reads.shu_rows(shu_statements_of(request.user, cooperative)),
        "title": _("My SHU statements")})

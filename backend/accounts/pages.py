"""Signing in with a code and resetting a forgotten password, as web pages: the same steps on
the storefront (/akun/masuk/kode/, /akun/lupa-sandi/) and on the seller portal and console
sign-in page (/masuk/kode/, /lupa-sandi/). Each site gives `show` (how its form pages look)
and `urls` (where its steps live); the services are the ones the API's mutations call."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib.auth import login as session_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backend.pages import form_add_errors, safe_next
from backend.ratelimit import client_address

from . import services
from .codes import code_target
from .phone import looks_like_email

BACKEND = "backend.accounts.backends.EmailOrPhoneBackend"
SIGN_IN_KEY, RESET_KEY = "code-sign-in-login", "code-reset-login"


class LoginForm(forms.Form):
    login = forms.CharField(label=gettext_lazy("Phone number (WhatsApp) or email"),
                            max_length=254, widget=forms.TextInput(attrs={
                                "autocomplete": "username"}))


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code from the message"), max_length=8,
                           widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                         "autocomplete": "one-time-code"}))


class CodePasswordForm(CodeForm):
    password = forms.CharField(label=gettext_lazy("New password"), strip=False,
                               help_text=gettext_lazy("At least 8 characters, not only digits."),
                               widget=forms.PasswordInput(attrs={
                                   "autocomplete": "new-password"}))


@dataclass(frozen=True)
class Site:
    """`show(request, form, title, submit, **extra)` renders a form page; `url(name)` is the
    address of a step: sign-in, code-request, code-enter, reset, reset-code, after-sign-in;
    `cooperative` whose WhatsApp/SMS sends the codes (None: see codes.sending_cooperative)."""

    show: Callable
    url: Callable
    cooperative: object = None


def _next(request) -> str:
    return safe_next(request, "")


def _with_next(request, url: str) -> str:
    target = _next(request)
    return f"{url}?{urlencode({'next': target})}" if target else url


def code_request_page(request, site: Site):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_in_code_request(form.cleaned_data["login"],
                                          cooperative=site.cooperative,
                                          client=client_address(request))
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            request.session[SIGN_IN_KEY] = code_target(form.cleaned_data["login"])
            return redirect(_with_next(request, site.url("code-enter")))
    return site.show(request, form, _("Sign in with a code"), _("Send the code"),
                     intro=_("We send a 6-digit code by WhatsApp (or SMS) to your phone, or to "
                             "your email. No password needed."),
                     next=_next(request), other_link=site.url("sign-in"),
                     other_text=_("Sign in with a password"))


def code_enter_page(request, site: Site):
    login = request.session.get(SIGN_IN_KEY)
    if not login:
        return redirect(_with_next(request, site.url("code-request")))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_in_with_code(login, form.cleaned_data["code"],
                                              client=client_address(request))
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            request.session.pop(SIGN_IN_KEY, None)
            session_login(request, user, backend=BACKEND)
            return redirect(safe_next(request, site.url("after-sign-in")))
    return site.show(request, form, _("Enter the code"), _("Sign in"),
                     intro=_("If %(login)s has an account, a 6-digit code is on its way. It "
                             "is valid for 5 minutes.") % {"login": login},
                     next=_next(request), other_link=site.url("code-request"),
                     other_text=_("Send a new code"))


def reset_request_page(request, site: Site):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        value = form.cleaned_data["login"]
        try:
            services.password_reset_request(value, None, site.cooperative,
                                            client=client_address(request))
        except ValidationError as error:
            form_add_errors(form, error)
        else:
            if not looks_like_email(value):
                request.session[RESET_KEY] = code_target(value)
                return redirect(site.url("reset-code"))
            return site.show(request, None, _("Check your email"), None,
                             intro=_("If an account has this email, we have sent it a link "
                                     "to choose a new password. The link works for 3 hours."),
                             other_link=site.url("sign-in"), other_text=_("Back to sign in"))
    return site.show(request, form, _("Forgot your password?"), _("Send"),
                     intro=_("Enter your phone number to get a code by WhatsApp or SMS, or "
                             "your email to get a link."),
                     other_link=site.url("sign-in"), other_text=_("Back to sign in"))


def reset_code_page(request, site: Site):
    login = request.session.get(RESET_KEY)
    if not login:
        return redirect(site.url("reset"))
    form = CodePasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.password_set_with_code(login, form.cleaned_data["code"],
                                                   form.cleaned_data["password"],
                                                   client=client_address(request))
        except ValidationError as error:
            form_add_errors(form, error, {"new_password": "password"})
        else:
            request.session.pop(RESET_KEY, None)
            session_login(request, user, backend=BACKEND)
            return redirect(site.url("after-sign-in"))
    return site.show(request, form, _("Choose a new password"), _("Save the new password"),
                     intro=_("If %(login)s has an account, a 6-digit code is on its way. It "
                             "is valid for 5 minutes.") % {"login": login},
                     other_link=site.url("reset"), other_text=_("Send a new code"))

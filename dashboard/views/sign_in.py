"""The seller portal's and console's sign-in page, beside its password form: sign in with a
code, and "Lupa kata sandi?" (the same steps as the storefront's, backend/accounts/pages.py)."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from backend.accounts import pages as code_pages
from backend.cooperatives.tenancy import request_cooperative

from .home import home_url

_NAMES = {"sign-in": "dashboard:sign-in", "code-request": "dashboard:sign-in-code",
          "code-enter": "dashboard:sign-in-code-enter", "reset": "dashboard:password-reset",
          "reset-code": "dashboard:password-reset-code"}


def _show(request, form, title, submit, **extra):
    return render(request, "dashboard/account_form.html",
                  {"form": form, "title": title, "submit": submit, **extra},
                  status=400 if form is not None and form.errors else 200)


def _site(request) -> code_pages.Site:
    def url(name: str) -> str:
        # Asked once the person is signed in: their home, as after the password form.
        return home_url(request.user) if name == "after-sign-in" else reverse(_NAMES[name])

    return code_pages.Site(show=_show, url=url, cooperative=request_cooperative(request))


@require_http_methods(["GET", "POST"])
def sign_in_code(request):
    return code_pages.code_request_page(request, _site(request))


@require_http_methods(["GET", "POST"])
def sign_in_code_enter(request):
    return code_pages.code_enter_page(request, _site(request))


@require_http_methods(["GET", "POST"])
def password_reset(request):
    return code_pages.reset_request_page(request, _site(request))


@require_http_methods(["GET", "POST"])
def password_reset_code(request):
    return code_pages.reset_code_page(request, _site(request))

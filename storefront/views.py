from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from backend.accounts.services import password_set
from backend.cooperatives.tenancy import request_cooperative
from backend.pages import form_add_errors
from members.selectors import shu_statements_of

from .forms import PasswordSetForm
from .pages import account
from .reads import shu_rows


@require_http_methods(["GET", "POST"])
def password_set_page(request):
    """Where password e-mails lead: choose a new password (the same service as setPassword)."""
    if request.method == "GET":
        form = PasswordSetForm(initial={"email": request.GET.get("email", ""),
                                        "token": request.GET.get("token", "")})
        return render(request, "storefront/password_set.html", {"form": form})
    form = PasswordSetForm(request.POST)
    if form.is_valid():
        try:
            password_set(form.cleaned_data["email"], form.cleaned_data["token"],
                         form.cleaned_data["password"])
            return render(request, "storefront/password_set.html", {"done": True})
        except ValidationError as error:
            form_add_errors(form, error)
    return render(request, "storefront/password_set.html", {"form": form}, status=400)


@login_required
def shu_statements(request):
    """The signed-in member's SHU statement per year; on a cooperative's own address, its
    store's page (with the store's header), else every cooperative they belong to."""
    if request_cooperative(request) is not None:
        return account.shu_statements(request)
    return render(request, "storefront/shu_statements.html", {
        "rows": shu_rows(shu_statements_of(request.user))})

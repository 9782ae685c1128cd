from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from backend.accounts.services import password_set

from .forms import PasswordSetForm


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
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
    return render(request, "storefront/password_set.html", {"form": form}, status=400)

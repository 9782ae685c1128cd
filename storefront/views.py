from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from backend.accounts.services import password_set
from backend.pages import form_add_errors

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
            form_add_errors(form, error)
    return render(request, "storefront/password_set.html", {"form": form}, status=400)


@login_required
def shu_statements(request):
    """The signed-in member's SHU statement per year, in each cooperative they belong to."""
    from backend.money import format_rupiah
    from members.models import ShuShare

    shares = ShuShare.objects.filter(member__user=request.user).select_related(
        "calculation", "member__cooperative").order_by("-calculation__fiscal_year", "pk")
    rows = [{
        "cooperative": s.member.cooperative.name, "year": s.calculation.fiscal_year,
        "member_number": s.member.member_number,
        "purchases": format_rupiah(s.purchases), "savings": format_rupiah(s.savings),
        "jasa_anggota": format_rupiah(s.jasa_anggota), "jasa_modal": format_rupiah(s.jasa_modal),
        "total": format_rupiah(s.total)} for s in shares]
    return render(request, "storefront/shu_statements.html", {"rows": rows})

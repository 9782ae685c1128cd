from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import StaffMembership
from backend.accounts.services import sign_in as account_sign_in
from backend.pages import error_text
from members.models import Member


@login_required
def home(request):
    """Where this person works: their shops and the cooperatives they staff."""
    return render(request, "dashboard/home.html", {
        "sellers": request.user.sellers.select_related("cooperative"),
        "memberships": StaffMembership.objects.filter(user=request.user).select_related(
            "cooperative")})


def home_url(user) -> str:
    """Where a person lands after signing in: the console of the one cooperative they help
    run, the portal of their one shop, this page when they have several, the admin for the
    platform operator, else the store of their cooperative (or the list of stores)."""
    memberships = list(StaffMembership.objects.filter(user=user).select_related("cooperative")
                       [:2])
    sellers = list(user.sellers.all()[:2])
    if len(memberships) + len(sellers) > 1:
        return reverse("dashboard:home")
    if memberships:
        return reverse("dashboard:manage-today", args=[memberships[0].cooperative.slug])
    if sellers:
        return reverse("dashboard:seller-home", args=[sellers[0].pk])
    if user.is_superuser:
        return reverse("admin:index")
    member = Member.objects.filter(user=user).select_related("cooperative").first()
    return reverse("shop-k:home", args=[member.cooperative.slug]) if member else "/"


class SignInForm(AuthenticationForm):
    """Sign in with a phone number or an e-mail address, through the same service (and the
    same limits) as the storefront and the tokenCreate mutation."""

    username = forms.CharField(label=_("Email or phone number"), max_length=254,
                               widget=forms.TextInput(attrs={"autocomplete": "username"}))

    def clean(self):
        login, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if login and password:
            try:
                self.user_cache = account_sign_in(self.request, login, password)
            except ValidationError as error:
                raise ValidationError(error_text(error), code="invalid_login") from None
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class SignInView(LoginView):
    template_name = "dashboard/sign_in.html"
    form_class = SignInForm

    def get_default_redirect_url(self):
        return home_url(self.request.user)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

"""Member matters in the manager console: linking register entries to accounts, member
prices (rules), and the yearly SHU calculation with its statements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.accounts.permissions import Permission
from backend.pages import messages_add_errors
from catalog.models import Category
from members.models import Member, PriceRule, ShuCalculation
from members.services.linking import member_link, member_unlink
from members.services.patronage import SPLIT_FIELDS, patronage_totals, shu_calculate, shu_export
from members.services.pricing import price_rule_save

from ..access import cooperative_of, object_of
from ..forms import PriceRuleForm, ShuCalculateForm, ShuYearForm


@login_required
@require_POST
def member_link_view(request, slug: str, member_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_MEMBERS)
    member = object_of(Member.objects.all(), member_id, cooperative=cooperative)
    try:
        if request.POST.get("unlink"):
            member_unlink(member)
            messages.success(request, _("Account unlinked."))
        else:
            member_link(member, request.POST.get("login", ""))
            messages.success(request, _("Account linked: %(name)s now sees member prices.")
                             % {"name": member.full_name})
    except ValidationError as error:
        messages_add_errors(request, error)
    return redirect(f"/kelola/{slug}/anggota/?q={member.member_number}")


@login_required
@require_http_methods(["GET", "POST"])
def price_rules(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_MEMBERS)
    categories = list(Category.objects.of(cooperative).order_by("path"))
    if request.method == "POST":
        rule = None
        if request.POST.get("rule"):
            rule = object_of(PriceRule.objects.all(), request.POST.get("rule"),
                             cooperative=cooperative)
        form = PriceRuleForm(request.POST)
        try:
            if rule is not None and "active" in request.POST:
                price_rule_save(cooperative, {"is_active": request.POST.get("active") == "1"}, rule)
            elif not form.is_valid():
                messages_add_errors(request, form)
                return redirect("dashboard:manage-prices", slug)
            else:
                typed = form.cleaned_data
                price_rule_save(cooperative, {
                    "name": typed["name"], "kind": typed["kind"], "value": typed["value"],
                    "category": next((c for c in categories if c.pk == typed["category"]), None),
                    "priority": typed["priority"] or 0, "is_active": True})
            messages.success(request, _("Saved."))
        except ValidationError as error:
            messages_add_errors(request, error)
        return redirect("dashboard:manage-prices", slug)
    return render(request, "dashboard/manage/prices.html", {
        "cooperative": cooperative, "categories": categories, "kinds": PriceRule.Kind.choices,
        "rules": PriceRule.objects.of(cooperative).select_related("category", "seller",
                                                                  "product")})


@login_required
@require_http_methods(["GET", "POST"])
def shu(request, slug: str):
    """The year's patronage (member purchases, non-member sales), the SHU split into member
    shares, and each calculation's statement as a spreadsheet."""
    cooperative = cooperative_of(request, slug, Permission.VIEW_REPORTS)
    this_year = timezone.localdate().year
    shown = ShuYearForm(request.GET)
    if not shown.is_valid():
        messages_add_errors(request, shown)
    year = shown.cleaned_data.get("tahun") or this_year
    if request.method == "POST":
        cooperative = cooperative_of(request, slug, Permission.MANAGE_MEMBERS)
        form = ShuCalculateForm(request.POST, parts=SPLIT_FIELDS)
        if not form.is_valid():
            messages_add_errors(request, form)
            return redirect(f"/kelola/{slug}/shu/?tahun={year}")
        year = form.cleaned_data["year"]
        try:
            calculation = shu_calculate(
                cooperative, request.user, year=year, surplus=form.cleaned_data["surplus"],
                percents=form.percents(),
                include_voluntary_savings=form.cleaned_data["voluntary"])
        except ValidationError as error:
            messages_add_errors(request, error)
        else:
            messages.success(request, _("SHU %(year)s calculated for %(n)s members.") % {
                "year": year, "n": calculation.shares.count()})
        return redirect(f"/kelola/{slug}/shu/?tahun={year}")
    return render(request, "dashboard/manage/shu.html", {
        "cooperative": cooperative, "year": year, "totals": patronage_totals(cooperative, year),
        "fields": SPLIT_FIELDS, "years": range(this_year, this_year - 5, -1),
        "calculations": ShuCalculation.objects.of(cooperative).filter(
            fiscal_year=year).order_by("-pk")}, status=200 if shown.is_valid() else 400)


@login_required
def shu_download(request, slug: str, calculation_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_MEMBERS)
    calculation = object_of(ShuCalculation.objects.all(), calculation_id,
                            cooperative=cooperative)
    name, content_type, content = shu_export(calculation, "xlsx")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response



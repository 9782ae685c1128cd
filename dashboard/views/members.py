"""Member matters in the manager console: linking register entries to accounts, member
prices (rules), and the yearly SHU calculation with its statements."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
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

from ..access import cooperative_of
from ..inputs import decimal, object_id, rupiah


@login_required
@require_POST
def member_link_view(request, slug: str, member_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_MEMBERS)
    member = get_object_or_404(Member.objects.of(cooperative), pk=member_id)
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
            rule = get_object_or_404(PriceRule.objects.of(cooperative),
                                     pk=object_id(request.POST["rule"]))
        try:
            if rule is not None and "active" in request.POST:
                price_rule_save(cooperative, {"is_active": request.POST["active"] == "1"}, rule)
            else:
                category = next((c for c in categories
                                 if str(c.pk) == request.POST.get("category")), None)
                priority = request.POST.get("priority", "0").strip() or "0"
                price_rule_save(cooperative, {
                    "name": request.POST.get("name", ""), "kind": request.POST.get("kind"),
                    "value": decimal(request.POST.get("value", "")), "category": category,
                    "priority": int(priority) if priority.lstrip("-").isdigit() else 0,
                    "is_active": True})
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
    year = int(request.GET.get("tahun") or timezone.localdate().year)
    if request.method == "POST":
        cooperative = cooperative_of(request, slug, Permission.MANAGE_MEMBERS)
        year = int(request.POST.get("year") or year)
        surplus = rupiah(request.POST.get("surplus"))
        try:
            calculation = shu_calculate(
                cooperative, request.user, year=year,
                surplus=-1 if surplus is None else surplus,
                percents={k: decimal(request.POST.get(k, "0")) or Decimal(0)
                          for k in SPLIT_FIELDS},
                include_voluntary_savings=request.POST.get("voluntary") == "1")
        except ValidationError as error:
            messages_add_errors(request, error)
        else:
            messages.success(request, _("SHU %(year)s calculated for %(n)s members.") % {
                "year": year, "n": calculation.shares.count()})
        return redirect(f"/kelola/{slug}/shu/?tahun={year}")
    return render(request, "dashboard/manage/shu.html", {
        "cooperative": cooperative, "year": year, "totals": patronage_totals(cooperative, year),
        "fields": SPLIT_FIELDS, "years": range(timezone.localdate().year,
                                               timezone.localdate().year - 5, -1),
        "calculations": ShuCalculation.objects.of(cooperative).filter(
            fiscal_year=year).order_by("-pk")})


@login_required
def shu_download(request, slug: str, calculation_id: int):
    cooperative = cooperative_of(request, slug, Permission.MANAGE_MEMBERS)
    calculation = get_object_or_404(ShuCalculation.objects.of(cooperative), pk=calculation_id)
    name, content_type, content = shu_export(calculation, "xlsx")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response



"""Savings in the manager console (/kelola/<slug>/simpanan/): a member's savings, dues and
credit with a form to record a payment, transfer receipts to confirm, the credit ageing
report, the payroll deduction list (export and import), and the RAT pack (a saved job)."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.accounts.permissions import Permission
from backend.error_codes import CommonErrorCode
from backend.jobs.models import Job
from backend.kept_files import file_read
from backend.money import parse_rupiah
from backend.pages import messages_add_errors
from backend.uploads import SPREADSHEET_MAX_BYTES, read_upload
from members.models import Member
from reports.services.jobs import KIND as RAT_PACK
from reports.services.jobs import rat_pack_start
from savings.models import DuesReceipt, PaymentChannel, SavingsKind
from savings.selectors import savings_overview
from savings.services.credit import credit_ageing
from savings.services.dues_payments import dues_receipt_decide
from savings.services.ledger import Movement, savings_kinds_ensure, savings_record
from savings.services.payroll import payroll_export, payroll_import

from ..access import cooperative_of, object_of


def _text(value) -> str:
    """A typed value as the database can hold it (no NUL byte), trimmed."""
    return (value or "").replace("\x00", "").strip()


def _home(slug, number=""):
    return redirect(f"/kelola/{slug}/simpanan/" + (f"?anggota={number}" if number else ""))


@login_required
@require_http_methods(["GET"])
def savings_home(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.RECORD_SAVINGS)
    number = _text(request.GET.get("anggota"))
    member = Member.objects.of(cooperative).filter(member_number=number).first() \
        if number else None
    return render(request, "dashboard/manage/savings.html", {
        "cooperative": cooperative, "number": number, "member": member,
        "overview": savings_overview(member) if member else None,
        "kinds": savings_kinds_ensure(cooperative).values(),
        "channels": PaymentChannel.choices, "form_key": uuid.uuid4().hex,
        "receipts": DuesReceipt.objects.of(cooperative).filter(
            state=DuesReceipt.State.WAITING).select_related("member")[:50],
        "ageing": credit_ageing(cooperative), "today": timezone.localdate(),
        "rat_jobs": Job.objects.of(cooperative).filter(kind=RAT_PACK).order_by(
            "-created_at")[:5]})


@login_required
@require_POST
def savings_record_view(request, slug: str):
    """A payment typed in by staff; the form's key makes a double submit record once."""
    cooperative = cooperative_of(request, slug, Permission.RECORD_SAVINGS)
    member = object_of(Member.objects.all(), request.POST.get("member"),
                       cooperative=cooperative)
    kind = object_of(SavingsKind.objects.all(), request.POST.get("kind"),
                     cooperative=cooperative)
    try:
        amount = parse_rupiah(request.POST.get("amount", ""))
        savings_record(member, kind, Movement(
            "deposit", amount, channel=_text(request.POST.get("channel")) or PaymentChannel.CASH,
            reference=_text(request.POST.get("reference")),
            idempotency_key=_text(request.POST.get("key"))[:80]), actor=request.user)
    except ValueError:
        messages.error(request, _("Give a whole rupiah amount."))
    except ValidationError as error:
        messages_add_errors(request, error)
    else:
        messages.success(request, _("Recorded."))
    return _home(slug, member.member_number)


@login_required
@require_POST
def dues_receipt_view(request, slug: str, receipt_id: int):
    cooperative = cooperative_of(request, slug, Permission.RECORD_SAVINGS)
    receipt = object_of(DuesReceipt.objects.all(), receipt_id, cooperative=cooperative)
    try:
        dues_receipt_decide(receipt, confirm=request.POST.get("decision") == "confirm",
                            actor=request.user, note=_text(request.POST.get("note")))
    except ValidationError as error:
        messages_add_errors(request, error)
    return _home(slug)


@login_required
@require_http_methods(["GET", "POST"])
def payroll_view(request, slug: str):
    """GET: the deduction list of an employer and month (XLSX). POST: the list back, paid."""
    cooperative = cooperative_of(request, slug, Permission.RECORD_SAVINGS)
    if request.method == "GET":
        try:
            name, content = payroll_export(cooperative,
                                           employer=_text(request.GET.get("employer")),
                                           month=_text(request.GET.get("month")))
        except ValidationError as error:
            messages_add_errors(request, error)
            return _home(slug)
        response = HttpResponse(content, content_type="application/vnd.openxmlformats-"
                                                      "officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError({"file": ValidationError(_("Choose the file."),
                                                           code=CommonErrorCode.REQUIRED)})
        report = payroll_import(cooperative, read_upload(upload, "file", SPREADSHEET_MAX_BYTES),
                                upload.name, actor=request.user)
    except ValidationError as error:
        messages_add_errors(request, error)
        return _home(slug)
    if report.applied:
        messages.success(request, _("%(n)s deductions recorded as paid.") % {"n": report.rows})
    for error in report.errors[:50]:
        messages.error(request, _("Row %(row)s: %(error)s") % {"row": error.row,
                                                                "error": str(error)})
    return _home(slug)


@login_required
@require_POST
def rat_pack_view(request, slug: str):
    cooperative = cooperative_of(request, slug, Permission.VIEW_REPORTS)
    try:
        rat_pack_start(cooperative, request.user, year=int(request.POST.get("year", "0")),
                       surplus=parse_rupiah(request.POST.get("surplus", "")))
    except ValueError:
        messages.error(request, _("Give the year and the surplus in whole rupiah."))
    except ValidationError as error:
        messages_add_errors(request, error)
    else:
        messages.success(request, _("The RAT pack is being made; it appears below."))
    return _home(slug)


@login_required
def rat_pack_download(request, slug: str, job_id: str, file_format: str):
    cooperative = cooperative_of(request, slug, Permission.VIEW_REPORTS)
    job = Job.objects.of(cooperative).filter(pk=object_uuid(job_id), kind=RAT_PACK).first()
    content = file_read((job.result or {}).get(file_format, "")) if job else None
    if content is None or file_format not in ("pdf", "xlsx"):
        raise Http404
    response = HttpResponse(content, content_type="application/pdf" if file_format == "pdf"
                            else "application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet")
    response["Content-Disposition"] = (f'attachment; filename="rat-{cooperative.slug}-'
                                       f'{job.params["year"]}.{file_format}"')
    return response


def object_uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None

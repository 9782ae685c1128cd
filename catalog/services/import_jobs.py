"""The product sheet import as a saved job (backend.jobs), as the member register import is:
the seller portal and the API start the same job and poll the same row. First a check of the
sheet (and its ZIP of photos): nothing changes, the report is by row. Then, when the seller
or the catalog staff say so, the same kept files applied whole (all rows or none)."""


from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.accounts.permissions import Permission
from backend.error_codes import CommonErrorCode
from backend.jobs.kinds import JobOutcome, job_kind_register
from backend.jobs.models import Job
from backend.jobs.selectors import check_may_be_applied, checked_job_of
from backend.jobs.services import job_start
from backend.kept_files import file_forget, file_keep, file_read

from ..models import Seller
from .bulk import product_import
from .common import can_act_for_seller, is_moderator

KIND = "product_import"


def _choose_again() -> ValidationError:
    return ValidationError({"file": ValidationError(_("Choose the file again, please."),
                                                    code=CommonErrorCode.REQUIRED)})


def _no_such_check() -> ValidationError:
    return ValidationError({"checked_job": ValidationError(
        _("No product sheet check with this ID."), code=CommonErrorCode.NOT_FOUND)})


def product_import_start(cooperative, actor, *, content: bytes, filename: str,
                         photos_zip: bytes | None = None, seller: Seller | None = None) -> Job:
    """Check a product sheet in a worker; returns the job (its report: each row's action or
    problems). Nothing in the catalog changes. The caller has checked that `actor` may
    import for `seller` (or, without one, for the cooperative's catalog)."""
    if not content:
        raise _choose_again()
    return job_start(KIND, cooperative, actor, {
        "file": file_keep(content), "filename": filename,
        "photos": file_keep(photos_zip) if photos_zip else "",
        "seller": seller.pk if seller is not None else None, "dry_run": True})


def product_import_apply(cooperative, actor, checked_job_id) -> Job:
    """Apply the files an earlier check of this cooperative kept, if it found no problem and
    `actor` may still import for its seller (or the cooperative's catalog)."""
    checked = checked_job_of(cooperative, KIND, checked_job_id)
    if checked is None or not _may_import(actor, cooperative, checked.params.get("seller")):
        raise _no_such_check()  # another's check gets the same answer as none at all
    if not check_may_be_applied(checked, "file", "photos"):
        raise _choose_again()
    return job_start(KIND, cooperative, actor, {**checked.params, "dry_run": False,
                                                "checked_job": str(checked.pk)})


def _may_import(actor, cooperative, seller_pk) -> bool:
    if seller_pk is None:
        return is_moderator(actor, cooperative)
    seller = Seller.objects.of(cooperative).filter(pk=seller_pk).first()
    return seller is not None and can_act_for_seller(actor, seller)


def product_import_run(job: Job, progress) -> JobOutcome:
    """The worker's part: read the kept files and check (or apply) every row."""
    params = job.params
    content = file_read(params["file"])
    photos = file_read(params["photos"]) if params.get("photos") else None
    if content is None or (params.get("photos") and photos is None):
        raise _choose_again()
    seller = Seller.objects.of(job.cooperative).filter(pk=params["seller"]).first() \
        if params.get("seller") else None
    report = product_import(job.cooperative, job.user, content=content,
                            filename=params["filename"], photos_zip=photos, seller=seller,
                            dry_run=params["dry_run"], progress=progress)
    progress(len(report.rows), len(report.rows))
    if report.applied:
        file_forget(params["file"])
        if params.get("photos"):
            file_forget(params["photos"])
    result = {"applied": report.applied,
              "created": report.count("create") + report.count("add_variant"),
              "updated": report.count("update"), "unchanged": report.count("unchanged"),
              "rows": [{"row": r.row, "sku": r.sku, "action": r.action,
                        "errors": [str(e) for e in r.errors]} for r in report.rows]}
    return JobOutcome(result, [e.as_dict() for r in report.rows for e in r.errors])


def register_job_kinds() -> None:
    job_kind_register(KIND, product_import_run, Permission.MANAGE_CATALOG)

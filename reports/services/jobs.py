"""The RAT pack as a saved job (backend.jobs): figures, PDF and XLSX made in a worker; the
files are kept privately and downloaded from the console (reports/views.py)."""

from backend.accounts.permissions import Permission
from backend.jobs.kinds import JobOutcome, job_kind_register
from backend.jobs.services import job_start
from backend.kept_files import file_keep

from .documents import rat_pdf, rat_xlsx
from .rat import rat_check, rat_figures

KIND = "rat_pack"


def rat_pack_start(cooperative, actor, *, year: int, surplus: int):
    rat_check(year, surplus)
    return job_start(KIND, cooperative, actor, {"year": year, "surplus": surplus})


def rat_pack_run(job, progress) -> JobOutcome:
    figures = rat_figures(job.cooperative, job.params["year"], surplus=job.params["surplus"])
    progress(1, 3)
    pdf = rat_pdf(figures)
    progress(2, 3)
    xlsx = rat_xlsx(figures)
    progress(3, 3)
    summary = {k: v for k, v in figures.items() if k != "shu"}
    summary["shu"] = {k: v for k, v in figures["shu"].items() if k != "shares"}
    summary["shu"]["members_sharing"] = len(figures["shu"]["shares"])
    return JobOutcome({"figures": summary, "pdf": file_keep(pdf), "xlsx": file_keep(xlsx)})


def register_job_kinds() -> None:
    job_kind_register(KIND, rat_pack_run, Permission.VIEW_REPORTS)

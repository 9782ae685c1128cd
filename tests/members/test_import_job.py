"""The member register import is one saved job for the console page and the API: started
by either, polled by both, run by a real Celery worker; a task delivered again (a worker
killed mid-run) does no harm."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from backend.jobs.models import Job, JobState
from backend.jobs.services import job_run
from members.models import Member
from tests.conftest import JOB_QUERY, GraphQLClient, poll_job

HEADER = "No. Anggota;Nama;NIK;No. HP;Tanggal Masuk;Status\n"
GOOD = (HEADER + "A-1;Siti Aminah;3604011285000001;0812-1000-0001;2015-05-03;Anggota\n"
        "A-2;Budi Santoso;3604011285000002;0812-1000-0002;2018-01-20;Anggota\n")
BAD = HEADER + "A-1;Siti Aminah;12;0812-1000-0001;kemarin;Anggota\n"
START = """mutation($file: Upload) { memberImportStart(cooperative: "koperasi-a", file: $file)
    { job { id state } errors { field code } } }"""
APPLY = """mutation($job: ID) { memberImportStart(cooperative: "koperasi-a", checkedJob: $job)
    { job { id state } errors { field code } } }"""



@pytest.mark.worker
def test_api_and_page_start_and_see_the_same_job(celery_worker_thread, coop_a, manager_a,
                                                 manager_b):
    api = GraphQLClient().login(manager_a)
    bad = api.upload(START, {"file": None}, {"file": SimpleUploadedFile(
        "anggota.csv", BAD.encode())})["memberImportStart"]
    assert bad["errors"] == [] and bad["job"]["state"] == "WAITING"
    checked = poll_job(api, bad["job"]["id"])
    assert checked["kind"] == "member_register_import" and checked["state"] == "DONE"
    assert {(e["row"], e["field"]) for e in checked["errors"]} == {(2, "nik"),
                                                                    (2, "date_joined")}
    refused = api(APPLY, {"job": bad["job"]["id"]})["memberImportStart"]
    assert refused == {"job": None, "errors": [{"field": "file", "code": "REQUIRED"}]}

    page = Client()
    page.force_login(manager_a)
    started = page.post("/kelola/koperasi-a/anggota/", {
        "file": SimpleUploadedFile("anggota.csv", GOOD.encode())})
    job = Job.objects.get(pk=started["Location"].rstrip("/").rsplit("/", 1)[-1])
    from graphql_relay import to_global_id

    seen = poll_job(api, to_global_id("Job", str(job.pk)))  # the page's job, through the API
    assert seen["result"]["created"] == ["A-1", "A-2"] and seen["result"]["applied"] is False
    assert seen["progress"] == 2
    assert not Member.objects.exists()
    applied = api(APPLY, {"job": to_global_id("Job", str(job.pk))})["memberImportStart"]
    done = poll_job(api, applied["job"]["id"])
    assert done["result"]["applied"] is True
    assert sorted(Member.objects.values_list("member_number", flat=True)) == ["A-1", "A-2"]
    applied_job = Job.objects.get(kind="member_register_import", params__dry_run=False)
    text = page.get(f"/kelola/koperasi-a/anggota/impor/{applied_job.pk}/").content.decode()
    assert "Daftar anggota diperbarui: 2 baru, 0 berubah, 0 dinonaktifkan." in text
    # Another cooperative's manager sees no job of A, through the API either.
    other = GraphQLClient().login(manager_b)
    assert other(JOB_QUERY, {"id": applied["job"]["id"]})["job"] is None


@pytest.mark.django_db
def test_a_task_delivered_again_finishes_the_job_once(coop_a, manager_a, settings, tmp_path,
                                                      django_capture_on_commit_callbacks):
    """A worker killed mid-run leaves the job `running`; the broker gives the task to another
    worker (acks late), which runs it again from the start; a finished job is never rerun.
    (The worker is simulated by calling its function; the real worker runs above.)"""
    from members.services.import_jobs import member_import_start

    job = member_import_start(coop_a, manager_a, content=GOOD.encode(), filename="a.csv")
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=1)  # killed here
    finished = job_run(str(job.pk))
    assert (finished.state, finished.attempts, finished.result["created"]) == (
        "done", 2, ["A-1", "A-2"])
    assert job_run(str(job.pk)) is None  # delivered once more: nothing happens
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=3)
    gave_up = job_run(str(job.pk))
    assert gave_up.state == "failed" and gave_up.errors[0]["message"]

"""The product sheet import is one saved job for the seller portal and the API, as the member
register import is: started by either, polled by both, run by a real Celery worker, never
inside the web request. The check changes nothing; the apply takes all rows or none."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from graphql_relay import from_global_id, to_global_id

from backend.jobs.models import Job
from catalog.models import Product
from tests.conftest import JOB_QUERY, GraphQLClient, poll_job

HEADER = "Nama Produk;Kode;Harga;Kategori\n"
GOOD = HEADER + "Keripik Pisang;KP-1;15000;Makanan Ringan\nKeripik Talas;KT-1;12.000;\n"
BAD = HEADER + "Keripik Pisang;KP-1;15000;\nKeripik Talas;KT-1;lima ribu;\n"
START = """mutation($seller: ID, $file: Upload, $job: ID) {
  productImportStart(cooperative: "koperasi-a", seller: $seller, file: $file, checkedJob: $job)
  { job { id state } errors { field code } } }"""



def _job_of(response) -> Job:
    return Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])


@pytest.mark.worker
def test_page_and_api_check_then_apply_the_same_job(celery_worker_thread, seller, other_seller,
                                                    category_a):
    page, api = Client(), GraphQLClient().login(seller.owner)
    page.force_login(seller.owner)
    shop = f"/penjual/{seller.pk}/unggah/"

    # The page starts a check of a sheet with a bad price: the row is shown, nothing changes.
    started = page.post(shop, {"file": SimpleUploadedFile("produk.csv", BAD.encode())})
    assert started.status_code == 302
    bad = _job_of(started)
    checked = poll_job(api, to_global_id("Job", str(bad.pk)))  # the page's job, through the API
    assert checked["kind"] == "product_import" and checked["state"] == "DONE"
    assert [(e["row"], e["field"]) for e in checked["errors"]] == [(3, "price")]
    text = page.get(started["Location"]).content.decode()
    assert "lima ribu" in text and "Terapkan semua baris" not in text
    refused = api(START, {"job": to_global_id("Job", str(bad.pk))})["productImportStart"]
    assert refused == {"job": None, "errors": [{"field": "file", "code": "REQUIRED"}]}

    # The API starts a check of a good sheet; the page shows it and applies it.
    good = api.upload(START, {"seller": to_global_id("Seller", seller.pk), "file": None}, {
        "file": SimpleUploadedFile("produk.csv", GOOD.encode())})["productImportStart"]
    assert good["errors"] == [] and good["job"]["state"] == "WAITING"
    report = poll_job(api, good["job"]["id"])["result"]
    assert (report["applied"], report["created"]) == (False, 2)
    assert not Product.objects.exists()
    good_job = Job.objects.get(pk=from_global_id(good["job"]["id"])[1])
    preview = page.get(f"{shop}{good_job.pk}/").content.decode()
    assert "KP-1" in preview and "Terapkan semua baris" in preview
    applied = page.post(shop, {"apply": str(good_job.pk)})
    done = poll_job(api, to_global_id("Job", str(_job_of(applied).pk)))
    assert done["result"]["applied"] is True
    assert sorted(Product.objects.values_list("name", flat=True)) == ["Keripik Pisang",
                                                                      "Keripik Talas"]
    assert "2 baris diterapkan." in page.get(applied["Location"]).content.decode()
    again = page.post(shop, {"apply": str(good_job.pk)}, follow=True)
    assert Product.objects.count() == 2 and "lagi" in again.content.decode()

    # Another seller of the same cooperative sees neither the job nor its page.
    outsider = Client()
    outsider.force_login(other_seller.owner)
    assert outsider.get(f"{shop}{good_job.pk}/").status_code == 404
    assert GraphQLClient().login(other_seller.owner)(JOB_QUERY, {"id": good["job"]["id"]})[
        "job"] is None
    theirs = GraphQLClient().login(other_seller.owner)(START, {
        "job": to_global_id("Job", str(bad.pk))})["productImportStart"]
    assert theirs["errors"] == [{"field": "checkedJob", "code": "NOT_FOUND"}]

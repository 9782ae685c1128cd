"""Bulk approval (issue 20): catalog staff publish an import's, or a seller's, drafts at once,
through the API (productBulkApprove) or the console's review page, by one service."""

import pytest
from django.test import Client
from graphql_relay import to_global_id

from backend.jobs.services import job_run
from catalog.models import ModerationEvent, Product
from catalog.services.import_jobs import product_import_apply, product_import_start
from catalog.services.products import product_create
from messaging.models import Message
from tests.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

SHEET = ("Nama Produk;Kode;Harga\nKeripik Pisang;KP-1;15000\nKeripik Talas;KT-1;12000\n"
         "Keripik Talas;KT-2;22000\n")
APPROVE = """mutation($seller: ID, $job: ID) {
  productBulkApprove(cooperative: "koperasi-a", seller: $seller, importJob: $job) {
    count products errors { field code } } }"""


def _applied_import(cooperative, seller):
    check = job_run(str(product_import_start(cooperative, seller.owner, content=SHEET.encode(),
                                             filename="produk.csv", seller=seller).pk))
    return job_run(str(product_import_apply(cooperative, seller.owner, check.pk).pk))


def test_api_publishes_an_imports_drafts_and_leaves_the_rest(gql, coop_a, manager_a, seller,
                                                             other_seller):
    applied = _applied_import(coop_a, seller)
    assert applied.result["applied"] is True
    by_hand = product_create(seller, {"name": "Sambal Roa"}, [{"sku": "SMB-1", "price": 9000}])
    elsewhere = product_create(other_seller, {"name": "Kerupuk"}, [{"sku": "KR-1", "price": 5000}])
    job = to_global_id("Job", str(applied.pk))

    # A seller may not approve its own products.
    GraphQLClient().login(seller.owner).post(APPROVE, {"job": job})
    assert Product.objects.filter(status="published").count() == 0

    gql.login(manager_a)
    answer = gql(APPROVE, {"job": job})["productBulkApprove"]
    assert answer["errors"] == [] and answer["count"] == 2
    assert set(Product.objects.filter(status="published").values_list("name", flat=True)) == {
        "Keripik Pisang", "Keripik Talas"}
    by_hand.refresh_from_db(), elsewhere.refresh_from_db()
    assert by_hand.status == "draft" and elsewhere.status == "draft"
    assert ModerationEvent.objects.filter(action="product_approved").count() == 2
    told = Message.objects.filter(template="seller_products_approved")
    assert [(m.phone, m.variables["count"]) for m in told] == [("+6281211112222", "2")]

    # Again: nothing is waiting any more. A wrong job is a coded error, nothing changes.
    assert gql(APPROVE, {"job": job})["productBulkApprove"]["count"] == 0
    check = to_global_id("Job", applied.params["checked_job"])  # the check names it too
    assert gql(APPROVE, {"job": check})["productBulkApprove"]["errors"] == []
    wrong = gql(APPROVE, {"job": to_global_id("Job", "nope")})["productBulkApprove"]
    assert wrong["errors"] == [{"field": "importJob", "code": "NOT_FOUND"}]
    nothing = gql(APPROVE, {})["productBulkApprove"]
    assert nothing["errors"] == [{"field": "seller", "code": "REQUIRED"}]


def test_console_publishes_a_sellers_drafts_in_one_press(coop_a, manager_a, seller,
                                                         other_seller):
    product_create(seller, {"name": "Emping"}, [{"sku": "EMP-1", "price": 12500}])
    product_create(seller, {"name": "Rengginang"}, [{"sku": "RG-1", "price": 8000}])
    product_create(other_seller, {"name": "Kerupuk"}, [{"sku": "KR-1", "price": 5000}])
    page = Client()
    page.force_login(manager_a)
    review = page.get("/kelola/koperasi-a/tinjau/").content.decode()
    assert "Setujui semua produk Emping Bu Yati" in review
    assert "2 produk Emping Bu Yati masih draf atau menunggu." in review

    done = page.post("/kelola/koperasi-a/tinjau/sekaligus/", {"seller": seller.pk}, follow=True)
    assert "2 produk disetujui." in done.content.decode()
    assert sorted(Product.objects.filter(status="published").values_list("name", flat=True)) == [
        "Emping", "Rengginang"]
    assert Product.objects.get(name="Kerupuk").status == "draft"

    # A seller that is not this cooperative's is not found from its console.
    assert page.post("/kelola/koperasi-a/tinjau/sekaligus/", {"seller": 999999}).status_code \
        == 404

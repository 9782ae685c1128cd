"""The console and the seller portal with another cooperative's ids: every page whose path
names an object by id, and every form field that names one, is tried by cooperative A's
manager (who also sells in A) with cooperative B's objects; each answers 404, as an id that
does not exist does. The same pages with A's own ids are found, so the walk proves something.
The pages come from the URL patterns, not a list: a new page with an id in its path is walked
without anyone remembering to."""

import datetime

import pytest
from django.test import Client

import dashboard.urls
from backend.accounts.models import StaffMembership
from inventory.models import Location
from members.models import PriceRule
from messaging.models import Message, MessageState
from orders.models import SellerPayout
from tests.dashboard.test_odd_input import _addresses, _patterns, one_of_everything

pytestmark = pytest.mark.django_db

# What names an object in a page's path; `slug` (the console's cooperative) stays A's.
IDS = {"seller_id", "product_id", "variant_id", "member_id", "calculation_id", "number",
       "supplier_id", "item_id", "sync_id", "order_id", "receipt_id"}


def _id_pages(world) -> dict[str, str]:
    """url name -> address, for the dashboard pages with an object id in their path."""
    with_ids = {f"dashboard:{pattern.name}" for pattern, parts in
                _patterns(dashboard.urls.urlpatterns)
                if IDS & set(parts) and "job_id" not in parts}  # jobs: test_import_job.py
    return {name: url for name, url, _view in _addresses(world) if name in with_ids}


def _answer(client, url, data=None) -> int:
    """A page's answer to a GET, or to a POST where the page takes only POSTs."""
    status = client.get(url, data or {}).status_code
    return client.post(url, data or {}).status_code if status == 405 else status


def test_another_cooperatives_ids_answer_404_on_every_console_and_seller_page(coop_a, coop_b):
    ours, theirs = one_of_everything(coop_a, "a"), one_of_everything(coop_b, "b")
    client = Client()
    client.force_login(ours["manager"])  # manager of A, and the owner of a seller in A

    own_pages = _id_pages(ours)
    # B's ids in A's console (the path keeps A's slug) and in A's people's seller portal.
    other_pages = _id_pages({**theirs, "slug": ours["slug"]})
    assert len(other_pages) >= 15, other_pages
    if theirs["number"] == ours["number"]:  # order numbers count per cooperative
        other_pages = {n: u for n, u in other_pages.items() if "/pesanan/" not in u
                       or "pesanan-pembelian" in u}
    found = {name: _answer(client, url) for name, url in own_pages.items()}
    assert all(status != 404 for status in found.values()), found
    refused = {name: _answer(client, url) for name, url in other_pages.items()}
    assert {name: status for name, status in refused.items() if status != 404} == {}

    # Ids sent by console forms: a payout to mark paid, a price rule to change, a message to
    # send again, a staff member to remove, a store to restock or move stock from.
    console = f"/kelola/{ours['slug']}"
    today = datetime.date.today()
    SellerPayout.objects.create(cooperative=coop_b, seller_id=theirs["seller_id"],
                                period_start=today, period_end=today, gross=10000,
                                commission=1000, amount=9000)
    failed = Message.objects.create(cooperative=coop_b, phone="+6281299990000",
                                    template="order_paid", state=MessageState.FAILED)
    forms = [
        ("pembayaran-penjual/", {"paid": SellerPayout.objects.filter(cooperative=coop_b)}),
        ("harga-anggota/", {"rule": PriceRule.objects.filter(cooperative=coop_b)}),
        ("pesan/", {"retry": Message.objects.filter(pk=failed.pk)}),
        ("staf/", {"remove": StaffMembership.objects.filter(cooperative=coop_b)}),
        ("belanja/", {"location": Location.objects.filter(cooperative=coop_b)}),
    ]
    for path, fields in forms:
        data = {field: rows.values_list("pk", flat=True).first() for field, rows in
                fields.items()}
        assert all(data.values()), (path, "cooperative B has no such object")
        assert client.post(f"{console}/{path}", data).status_code == 404, (path, data)
    # Nothing of B changed.
    assert StaffMembership.objects.filter(cooperative=coop_b).count() == 1
    assert not SellerPayout.objects.filter(cooperative=coop_b, status="paid").exists()
    failed.refresh_from_db()
    assert failed.state == MessageState.FAILED and failed.tries == 0

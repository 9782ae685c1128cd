"""Member pages of the console and the seller's member price: linking accounts, price rules,
the SHU calculation with its statements."""

import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from members.models import Member, PatronageEntry, PriceRule, ShuShare, VariantMemberPrice
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, manager_a):
    client.force_login(manager_a)
    return client


@pytest.fixture
def siti(coop_a):
    return Member.objects.create(cooperative=coop_a, member_number="A-1", full_name="Siti",
                                 status="anggota", phone="+6281210000001",
                                 savings_pokok=100000, dues_paid_until=timezone.localdate())


def test_a_manager_links_and_unlinks_a_members_account(manager, siti):
    make_user(email="siti@example.test", phone="+6281210000001")
    wrong = manager.post(f"/kelola/koperasi-a/anggota/{siti.pk}/akun/",
                         {"login": "orang.lain@example.test"}, follow=True)
    siti.refresh_from_db()
    assert siti.user is None and 'class="alert"' in wrong.content.decode()
    manager.post(f"/kelola/koperasi-a/anggota/{siti.pk}/akun/", {"login": "0812-1000-0001"})
    siti.refresh_from_db()
    assert siti.user.email == "siti@example.test"
    manager.post(f"/kelola/koperasi-a/anggota/{siti.pk}/akun/", {"unlink": "1"})
    siti.refresh_from_db()
    assert siti.user is None


def test_price_rules_are_added_checked_and_turned_off(manager, coop_a, category_a):
    manager.post("/kelola/koperasi-a/harga-anggota/", {"name": "Diskon", "kind": "percent",
                                                       "value": "150"})
    assert not PriceRule.objects.exists()  # more than 100 percent off
    manager.post("/kelola/koperasi-a/harga-anggota/", {
        "name": "Harga anggota camilan", "kind": "percent", "value": "7,5",
        "category": str(category_a.pk), "priority": "2"})
    rule = PriceRule.objects.get()
    assert (rule.value, rule.category, rule.priority, rule.is_active) == (
        Decimal("7.5"), category_a, 2, True)
    manager.post("/kelola/koperasi-a/harga-anggota/", {"rule": rule.pk, "active": "0"})
    rule.refresh_from_db()
    assert not rule.is_active
    assert "Harga anggota camilan" in manager.get("/kelola/koperasi-a/harga-anggota/"
                                                  ).content.decode()


def test_the_shu_is_shared_out_and_statements_downloaded(manager, coop_a, siti):
    year = timezone.localdate().year
    PatronageEntry.objects.create(cooperative=coop_a, member=siti, reference="order:1",
                                  amount=250000, fiscal_year=year)
    page = manager.get(f"/kelola/koperasi-a/shu/?tahun={year}").content.decode()
    assert "Rp250.000" in page
    manager.post("/kelola/koperasi-a/shu/", {"year": year, "surplus": "1.000.000",
                                             "reserve": "50", "jasa_anggota": "30",
                                             "jasa_modal": "10", "other": "5"})
    assert not ShuShare.objects.exists()  # 95 percent: not the whole surplus
    manager.post("/kelola/koperasi-a/shu/", {"year": year, "surplus": "1.000.000",
                                             "reserve": "50", "jasa_anggota": "30",
                                             "jasa_modal": "15", "other": "5"})
    share = ShuShare.objects.get()
    assert (share.jasa_anggota, share.jasa_modal, share.total) == (300000, 150000, 450000)
    download = manager.get(f"/kelola/koperasi-a/shu/{share.calculation_id}/unduh/")
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(download.content)
                                                            ).active.rows]
    assert any("A-1" in [str(v) for v in row] for row in rows)


def test_a_cashier_sees_no_member_pages(client, coop_a, siti):
    from tests.conftest import make_staff

    client.force_login(make_staff(coop_a, "cashier"))
    for page in ("harga-anggota/", "anggota/", f"anggota/{siti.pk}/akun/"):
        assert client.get(f"/kelola/koperasi-a/{page}").status_code in (403, 405)
    assert client.post(f"/kelola/koperasi-a/anggota/{siti.pk}/akun/",
                       {"login": "x@example.test"}).status_code == 403


def test_a_seller_sets_a_member_price_below_the_regular_one(client, seller, published):
    client.force_login(seller.owner)
    variant = published.variants.get()  # Rp25.000
    url = f"/penjual/{seller.pk}/produk/{published.pk}/varian/{variant.pk}/harga/"
    client.post(url, {"price": "25000", "member_price": "26000"})
    assert not VariantMemberPrice.objects.exists()
    client.post(url, {"price": "25.000", "member_price": "22.500"})
    assert VariantMemberPrice.objects.get(variant=variant).price == 22500
    page = client.get(f"/penjual/{seller.pk}/produk/{published.pk}/").content.decode()
    assert 'value="22500"' in page
    client.post(url, {"price": "25000", "member_price": ""})
    assert not VariantMemberPrice.objects.exists()

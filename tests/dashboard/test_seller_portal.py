"""The seller portal, page by page, with the services behind it."""

import io

import pytest
from openpyxl import load_workbook

from catalog.models import Product, ProductMedia, ProductStatus, Seller
from inventory.models import Location
from inventory.services import stock_receive
from orders.services.checkout import checkout_complete, checkout_create, checkout_lines_set
from orders.services.lifecycle import order_mark_paid
from tests.conftest import make_staff, make_user
from tests.fixtures_catalog import image_file

pytestmark = pytest.mark.django_db


def test_register_add_a_product_with_a_photo_and_send_it_for_review(client, coop_a, manager_a,
                                                                    category_a, settings,
                                                                    tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner = make_user(email="bu.ratna@example.test", full_name="Ratna")
    client.force_login(owner)
    bad = client.post("/penjual/daftar/", {"cooperative": "koperasi-a", "business_name": "",
                                           "owner_name": "Ratna", "phone": "12"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Wajib diisi" in page or "wajib" in page.lower()
    assert not Seller.objects.exists()
    done = client.post("/penjual/daftar/", {
        "cooperative": "koperasi-a", "business_name": "Kopi Bu Ratna", "owner_name": "Ratna",
        "phone": "0812-7777-1111", "story": "Kopi robusta dari Pandeglang."}, follow=True)
    seller = Seller.objects.get()
    assert seller.status == "pending" and seller.phone == "+6281277771111"
    assert "Kopi Bu Ratna" in done.content.decode()

    manager = client.__class__()
    manager.force_login(manager_a)
    queue = manager.get("/kelola/koperasi-a/tinjau/").content.decode()
    assert "Kopi Bu Ratna" in queue and "Kopi robusta dari Pandeglang." in queue
    manager.post(f"/kelola/koperasi-a/tinjau/penjual/{seller.pk}/", {"decision": "approve"})
    seller.refresh_from_db()
    assert seller.status == "approved"

    url = f"/penjual/{seller.pk}/produk/baru/"
    form = {"product-name": "Kopi Robusta Bubuk", "product-category": str(category_a.pk),
            "variant-sku": "KOPI-200", "variant-price": "-5", "variant-weight_grams": "200"}
    refused = client.post(url, form)
    assert refused.status_code == 400 and not Product.objects.exists()
    created = client.post(url, {**form, "variant-price": "35000"})
    product = Product.objects.get()
    assert created.status_code == 302 and product.status == ProductStatus.DRAFT
    assert product.variants.get().price == 35000
    client.post(f"/penjual/produk/{product.pk}/foto/", {"image": image_file(), "alt": "Bubuk"})
    assert ProductMedia.objects.filter(product=product).count() == 1
    client.post(f"/penjual/{seller.pk}/produk/{product.pk}/ajukan/")
    product.refresh_from_db()
    assert product.status == ProductStatus.IN_REVIEW

    assert "Kopi Robusta Bubuk" in manager.get("/kelola/koperasi-a/tinjau/").content.decode()
    manager.post(f"/kelola/koperasi-a/tinjau/produk/{product.pk}/", {"decision": "approve"})
    assert Product.objects.of(coop_a).visible_to_shoppers().filter(pk=product.pk).exists()
    listing = client.get(f"/penjual/{seller.pk}/produk/").content.decode()
    assert "Kopi Robusta Bubuk" in listing and "Rp35.000" in listing


def test_bulk_template_has_the_columns_an_import_reads(client, seller):
    """(The upload itself, a saved job the page polls, is in tests/catalog/test_import_job.py.)"""
    client.force_login(seller.owner)
    template = client.get(f"/penjual/{seller.pk}/unggah/templat/")
    header = [c.value for c in next(load_workbook(io.BytesIO(template.content)).active.rows)]
    assert header[:3] == ["name", "sku", "price"] and "photos" in header


@pytest.fixture
def paid_order(coop_a, published, other_seller):
    from catalog.models import Product as P
    from catalog.services import products

    chips = products.product_create(other_seller, {"name": "Keripik Singkong"},
                                    [{"sku": "KRP-1", "price": 10000}])
    P.objects.filter(pk=chips.pk).update(status=ProductStatus.PUBLISHED)
    store = Location.objects.create(cooperative=coop_a, name="Kopmart Cipare", code="cipare")
    for variant in (published.variants.get(), chips.variants.get()):
        stock_receive(variant, store, 5)
    shopper = make_user(email="siti@example.test")
    checkout = checkout_create(coop_a, shopper)
    checkout_lines_set(checkout, {published.variants.get().pk: 1, chips.variants.get().pk: 2})
    order = checkout_complete(checkout, shopper)
    return order_mark_paid(order, make_staff(coop_a, "cashier"))


def test_a_seller_sees_and_prepares_only_its_own_lines(client, seller, other_seller, paid_order):
    client.force_login(seller.owner)
    page = client.get(f"/penjual/{seller.pk}/pesanan/").content.decode()
    assert "Emping Melinjo Original" in page and "Keripik Singkong" not in page
    assert "siti@example.test" not in page  # no shopper details for sellers
    theirs = paid_order.lines.get(seller=other_seller)
    mine = paid_order.lines.get(seller=seller)
    assert client.post(f"/penjual/{seller.pk}/pesanan/", {"line": [theirs.pk],
                                                         "status": "ready"}).status_code == 403
    assert client.get(f"/penjual/{other_seller.pk}/pesanan/").status_code == 404
    client.post(f"/penjual/{seller.pk}/pesanan/", {"line": [mine.pk], "status": "ready"})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.fulfilment, theirs.fulfilment) == ("ready", "pending")


def test_payouts_are_for_the_owner_and_order_managers_only(client, coop_a, seller,
                                                           other_seller, manager_a):
    client.force_login(seller.owner)
    assert "Rp0" in client.get(f"/penjual/{seller.pk}/pembayaran/").content.decode()
    for outsider in (other_seller.owner, make_staff(coop_a, "cashier")):
        client.force_login(outsider)
        assert client.get(f"/penjual/{seller.pk}/pembayaran/").status_code == 404
    client.force_login(manager_a)
    assert client.get(f"/penjual/{seller.pk}/pembayaran/").status_code == 200


def test_permit_reminders_on_the_seller_home(client, seller):
    import datetime

    from django.utils import timezone

    seller.halal_certificate_expires = timezone.localdate() + datetime.timedelta(days=12)
    seller.save()
    client.force_login(seller.owner)
    page = client.get(f"/penjual/{seller.pk}/").content.decode()
    assert "12" in page and seller.halal_certificate_expires.isoformat() in page


def test_photos_are_put_in_order_and_described(client, seller, published, settings, tmp_path):
    from catalog.models import ProductMedia

    settings.MEDIA_ROOT = tmp_path
    client.force_login(seller.owner)
    url = f"/penjual/produk/{published.pk}/foto/"
    for color in ((200, 0, 0), (0, 200, 0)):
        client.post(url, {"image": image_file(color=color), "alt": ""})
    first, second = ProductMedia.objects.order_by("position", "pk")
    client.post(url, {"action": "arrange", f"position-{first.pk}": "2",
                      f"position-{second.pk}": "1", f"alt-{first.pk}": "Kemasan depan",
                      f"alt-{second.pk}": "Isi"})
    ordered = list(ProductMedia.objects.order_by("position").values_list("pk", "alt"))
    assert ordered == [(second.pk, "Isi"), (first.pk, "Kemasan depan")]
    page = client.get(url).content.decode()
    assert 'accept="image/*"' in page and "capture=" not in page and "<progress" in page

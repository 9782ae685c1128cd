"""Issue 15 item 11: every rupiah field in the seller portal and the console reads amounts
as people write them: 12500, 12.500 and Rp12.500 are the same price (a number input made
"12.500" twelve and a half, refused)."""

import pytest

from catalog.models import Product
from suppliers.models import Supplier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["12500", "12.500", "Rp12.500", "Rp 12.500"])
def test_a_seller_types_a_price_the_way_they_write_it(client, seller, category_a, typed):
    client.force_login(seller.owner)
    response = client.post(f"/penjual/{seller.pk}/produk/baru/", {
        "product-name": "Kripik Balado", "product-category": str(category_a.pk),
        "variant-sku": "KRP-1", "variant-price": typed, "variant-compare_at_price": "Rp15.000",
        "variant-weight_grams": "200"})
    assert response.status_code == 302, response.content.decode()[-1500:]
    variant = Product.objects.get().variants.get()
    assert (variant.price, variant.compare_at_price) == (12500, 15000)


def test_the_price_box_opens_a_keyboard_with_the_dot(client, seller):
    client.force_login(seller.owner)
    page = client.get(f"/penjual/{seller.pk}/produk/baru/").content.decode()
    assert 'name="variant-price"' in page and 'type="number"' not in page.split(
        'name="variant-price"')[0][-200:]
    assert 'inputmode="decimal"' in page


def test_half_a_rupiah_is_refused_and_nothing_is_saved(client, seller, category_a):
    client.force_login(seller.owner)
    response = client.post(f"/penjual/{seller.pk}/produk/baru/", {
        "product-name": "Kripik Balado", "product-category": str(category_a.pk),
        "variant-sku": "KRP-1", "variant-price": "12,5", "variant-weight_grams": "200"})
    assert response.status_code == 400 and not Product.objects.exists()


def test_a_suppliers_minimum_order_reads_rp_and_dots(client, manager_a):
    client.force_login(manager_a)
    client.post("/kelola/koperasi-a/pemasok/", {
        "name": "CV Sumber Rejeki", "lead_time_days": "2",
        "minimum_order_value": "Rp500.000", "is_active": "on"})
    assert Supplier.objects.get().minimum_order_value == 500000


def test_the_photo_page_says_urutan_and_lets_a_gallery_photo_be_chosen(client, seller,
                                                                       published):
    """Issue 15 item 12 (the label and the picker; the description box is left as it is)."""
    from catalog.models import ProductMedia
    from tests.fixtures_catalog import image_file

    client.force_login(seller.owner)
    url = f"/penjual/produk/{published.pk}/foto/"
    client.post(url, {"image": image_file(), "alt": "Emping"})
    assert ProductMedia.objects.filter(product=published).count() == 1
    page = client.get(url).content.decode()
    assert ">Urutan</label>" in page and ">Pesanan</label>" not in page
    assert 'accept="image/*"' in page and "capture=" not in page

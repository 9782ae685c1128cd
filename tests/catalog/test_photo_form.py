"""The same photo upload through a web form, signed in with a phone number."""

import pytest

from catalog.models import ProductMedia
from tests.conftest import PASSWORD
from tests.fixtures_catalog import image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_seller(client, seller):
    seller.owner.phone = "+6281299998888"
    seller.owner.save()
    response = client.post("/masuk/", {"username": "0812 9999 8888", "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_seller_adds_a_photo_from_the_phone_form(signed_in_seller, published, settings,
                                                 tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = f"/penjual/produk/{published.pk}/foto/"
    page = signed_in_seller.get(url)
    assert 'accept="image/*"' in page.content.decode()  # camera or gallery (no capture)
    response = signed_in_seller.post(url, {"image": image_file(), "alt": "Kemasan depan"},
                                     follow=True)
    assert "Foto ditambahkan. Foto tampil setelah diperiksa koperasi." in response.content.decode()
    media = ProductMedia.objects.get()
    assert media.alt == "Kemasan depan" and media.review == "pending_add"


def test_a_bad_file_is_explained_next_to_the_field(signed_in_seller, published, settings,
                                                   tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = signed_in_seller.post(f"/penjual/produk/{published.pk}/foto/", {
        "image": SimpleUploadedFile("foto.jpg", b"bukan gambar" * 10)})
    assert response.status_code == 400
    assert "Berkas ini bukan foto JPEG, PNG, WebP, atau HEIC." in response.content.decode()
    assert ProductMedia.objects.count() == 0


def test_another_seller_gets_no_access(client, other_seller, published):
    client.force_login(other_seller.owner)
    assert client.get(f"/penjual/produk/{published.pk}/foto/").status_code == 404
    client.logout()
    assert client.get(f"/penjual/produk/{published.pk}/foto/").status_code == 302

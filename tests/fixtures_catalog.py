import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from backend.accounts.permissions import Role
from catalog.models import Product, ProductStatus, Seller, SellerStatus
from catalog.services import categories, products
from tests.conftest import make_staff, make_user


@pytest.fixture
def umkm_owner(db):
    return make_user(email="bu.yati@example.test", full_name="Yati Suryati")


@pytest.fixture
def seller(coop_a, umkm_owner):
    return Seller.objects.create(
        cooperative=coop_a, owner=umkm_owner, business_name="Emping Bu Yati", slug="emping-bu-yati",
        owner_name="Yati Suryati", phone="+6281211112222", status=SellerStatus.APPROVED,
        halal_certificate_number="ID32110000123456", food_permit_kind="pirt",
        food_permit_number="2063604010123-25", bank_account_number="1234567890")


@pytest.fixture
def other_seller(coop_a):
    owner = make_user(email="pak.ujang@example.test")
    return Seller.objects.create(
        cooperative=coop_a, owner=owner, business_name="Keripik Pak Ujang",
        slug="keripik-pak-ujang", owner_name="Ujang", phone="+6281233334444",
        status=SellerStatus.APPROVED)


@pytest.fixture
def catalog_staff_a(coop_a):
    return make_staff(coop_a, Role.STAFF, email="staf@koperasi-a.test")


@pytest.fixture
def category_a(coop_a):
    return categories.category_create(coop_a, name="Makanan Ringan")


@pytest.fixture
def published(seller, category_a):
    product = products.product_create(
        seller, {"name": "Emping Melinjo Original", "description": "<p>Renyah</p>",
                 "category": category_a, "is_halal": True},
        [{"sku": "EMP-250", "price": 25000, "weight_grams": 250}])
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.PUBLISHED)
    product.refresh_from_db()
    return product


def image_file(name="foto.jpg", size=(800, 600), fmt="JPEG", mode="RGB", color=(180, 90, 20),
               exif=None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new(mode, size, color)
    kwargs = {"exif": exif.tobytes()} if exif is not None else {}
    image.save(buffer, fmt, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")

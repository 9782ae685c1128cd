import pytest

from catalog.models import Product, ProductStatus
from catalog.services import products
from inventory.services import location_save
from suppliers.services.register import supplier_save


@pytest.fixture
def groceries(seller, category_a):
    """Everyday goods: rice, sugar, cooking oil (with barcodes)."""
    made = {}
    for name, sku, barcode, price in (
            ("Beras Premium 5 kg", "BRS-5", "8991001000011", 75000),
            ("Gula Pasir 1 kg", "GLA-1", "8991001000028", 17000),
            ("Minyak Goreng 2 L", "MYK-2", "8991001000035", 36000)):
        product = products.product_create(seller, {"name": name, "category": category_a},
                                          [{"sku": sku, "price": price, "barcode": barcode}])
        Product.objects.filter(pk=product.pk).update(status=ProductStatus.PUBLISHED)
        made[sku] = product.variants.get()
    return made


@pytest.fixture
def store_a(coop_a):
    return location_save(coop_a, {"name": "Toko Pusat", "code": "pusat"})


@pytest.fixture
def distributor(coop_a):
    return supplier_save(coop_a, {"name": "CV Sumber Rejeki", "email": "order@sumber.test",
                                  "lead_time_days": 2, "phone": "+6281299990000"})

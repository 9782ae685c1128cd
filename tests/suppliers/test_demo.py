import pytest
from django.core.management import call_command

from suppliers.models import Supplier, SupplierItem, SupplierSync


@pytest.mark.django_db
def test_demo_has_a_distributor_whose_price_list_maps_to_the_stores_goods():
    call_command("populatedb")
    call_command("populatedb")
    supplier = Supplier.objects.get(cooperative__slug="kopmart-serang")
    items = SupplierItem.objects.filter(supplier=supplier)
    assert items.count() == 5 and items.filter(variant__isnull=False).count() == 4
    last = SupplierSync.objects.filter(supplier=supplier).first()
    assert last.counts["unchanged"] == 5  # the second run changed nothing

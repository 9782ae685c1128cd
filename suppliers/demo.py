"""Demo suppliers: a distributor of everyday goods whose price list maps to the coop-mart's
own rice, sugar and oil, drawn in through the feed sync like a real upload."""

from django.db import transaction

from catalog.models import ProductVariant

from .models import Supplier, SupplierItem, SyncSource
from .services.feeds import feed_rows, feed_sync
from .services.register import supplier_item_map, supplier_save

DISTRIBUTOR = {"name": "CV Sumber Rejeki", "contact_person": "Pak Darto",
               "phone": "+6281298765432", "email": "order@sumber-rejeki.test",
               "address": "Jl. Ahmad Yani No. 12, Kota Serang", "payment_terms": "30 hari",
               "lead_time_days": 2, "minimum_order_value": 500000}
# supplier SKU, name, units per pack, cost per pack, units available, our SKU
PRICE_LIST = [("SR-BRS-5", "Beras Pandan Wangi 5kg", 4, 280000, 160, "BRS-PW-5"),
              ("SR-BRS-10", "Beras Pandan Wangi 10kg", 2, 276000, 60, "BRS-PW-10"),
              ("SR-GULA-1", "Gula Pasir 1kg", 20, 300000, 400, "GULA-1"),
              ("SR-MGR-2", "Minyak Goreng Sawit 2L", 6, 186000, 120, "MGR-2L"),
              ("SR-TPG-1", "Tepung Terigu 1kg", 12, 132000, 90, None)]


@transaction.atomic
def populate_suppliers(cooperative) -> None:
    variants = {v.sku: v for v in ProductVariant.objects.of(cooperative).filter(
        sku__in=[row[5] for row in PRICE_LIST if row[5]])}
    if not variants:
        return
    existing = Supplier.objects.of(cooperative).filter(name=DISTRIBUTOR["name"]).first()
    supplier = supplier_save(cooperative, DISTRIBUTOR, existing)
    csv = "Kode Barang;Nama Barang;Isi;Harga;Stok\n" + "".join(
        f"{sku};{name};{pack};{cost};{units}\n" for sku, name, pack, cost, units, _our
        in PRICE_LIST)
    feed_sync(supplier, feed_rows(csv.encode(), "csv"), source=SyncSource.UPLOAD,
              filename="daftar-harga.csv", dry_run=False)
    items = {i.supplier_sku: i for i in SupplierItem.objects.filter(supplier=supplier)}
    for sku, _name, _pack, _cost, _units, ours in PRICE_LIST:
        if ours in variants and items[sku].variant_id != variants[ours].pk:
            supplier_item_map(items[sku], variants[ours], preferred=True)

"""A coop-mart with two stores, a cashier of store A, a manager with a till PIN, an UMKM
seller's products with barcodes, a member and a member price rule: built through the real
services, for the till's tests (once per module or class)."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from backend.accounts.permissions import Role
from catalog.models import Product, ProductStatus, Seller, SellerStatus
from catalog.services import categories, products
from inventory.models import Location
from inventory.services import stock_receive
from members.models import Member, PriceRule
from tests.conftest import make_cooperative, make_staff, make_user
from till.services.sales import LineInput, PaymentInput, SaleInput
from till.services.shifts import till_manager_pin_set, till_staff_assign

PIN = "2468"


@dataclass
class Shop:
    coop: object
    other_coop: object
    store_a: object
    store_b: object
    other_store: object
    manager: object
    cashier: object
    seller: object
    emping: object  # variants
    kopi: object
    beras: object
    member: object
    lapsed: object


def build_shop(slug="kopmart-uji") -> Shop:
    coop = make_cooperative(slug, name="Kopmart Uji")
    other = make_cooperative(f"{slug}-lain", name="Koperasi Lain")
    store_a = Location.objects.create(cooperative=coop, name="Toko Cipare", code="cipare")
    store_b = Location.objects.create(cooperative=coop, name="Toko Ciceri", code="ciceri")
    other_store = Location.objects.create(cooperative=other, name="Toko Lain", code="lain")
    manager = make_staff(coop, Role.MANAGER, email=f"manajer@{slug}.test")
    cashier = make_staff(coop, Role.CASHIER, email=f"kasir@{slug}.test")
    cashier.full_name = "Dewi Kasir"
    cashier.save(update_fields=["full_name"])
    till_staff_assign(store_a, cashier)
    till_manager_pin_set(coop, manager, PIN)
    seller = Seller.objects.create(
        cooperative=coop, owner=make_user(email=f"umkm@{slug}.test"), business_name="UMKM Yati",
        slug="umkm-yati", status=SellerStatus.APPROVED)
    category = categories.category_create(coop, name="Sembako")

    def product(name, sku, barcode, price):
        made = products.product_create(seller, {"name": name, "category": category},
                                       [{"sku": sku, "barcode": barcode, "price": price}])
        Product.objects.filter(pk=made.pk).update(status=ProductStatus.PUBLISHED)
        variant = made.variants.get()
        stock_receive(variant, store_a, 10)
        return variant

    emping = product("Emping Melinjo", "EMP-250", "8991234560012", 25000)
    kopi = product("Kopi Banten", "KOPI-200", "8991234560029", 30000)
    beras = product("Beras Pandanwangi", "BRS-1", "2012345", 15000)  # sold by weight
    PriceRule.objects.create(cooperative=coop, name="Anggota", kind="percent",
                             value=Decimal(10))
    member = Member.objects.create(cooperative=coop, member_number="A-0042",
                                   full_name="Siti Aminah", status="anggota",
                                   phone="+6281234560042", dues_paid_until=timezone.localdate())
    lapsed = Member.objects.create(
        cooperative=coop, member_number="A-0043", full_name="Budi Lalai", status="anggota",
        dues_paid_until=timezone.localdate().replace(year=timezone.localdate().year - 2))
    return Shop(coop, other, store_a, store_b, other_store, manager, cashier, seller, emping,
                kopi, beras, member, lapsed)


def cash_sale(items, amount: int, tendered: int | None = None, *, member=None,
              client_id=None, **extra) -> SaleInput:
    """A sale of [(variant, quantity)] paid `amount` in cash (`tendered` handed over)."""
    return SaleInput(client_id=client_id or str(uuid.uuid4()),
                     lines=[LineInput(variant=v, quantity=q) for v, q in items],
                     payments=[PaymentInput("cash", amount, tendered)], member=member, **extra)

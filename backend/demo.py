"""Demo data: realistic Indonesian cooperatives, built through the domains' services.

Idempotent: running it again updates the same rows. Later domains add their own steps.
"""

from dataclasses import dataclass

from django.db import transaction

from backend.accounts.models import StaffMembership, User
from backend.accounts.permissions import Role
from backend.cooperatives.models import Cooperative
from catalog.demo import populate_bulk, populate_catalog
from inventory.demo import populate_stock
from inventory.services import location_upsert
from members.demo import DEMO_MEMBER_EMAIL, populate_members
from orders.demo import populate_delivery
from suppliers.demo import populate_suppliers

DEMO_PASSWORD = "koperasi-demo-2026"
OPERATOR_EMAIL = "operator@coopmart.test"


@dataclass(frozen=True)
class DemoStaff:
    email: str
    phone: str
    full_name: str
    role: str


COOPERATIVES = [
    {
        "slug": "kopmart-serang",
        "fields": {
            "name": "Koperasi Konsumen Sejahtera Serang",
            "legal_name": "Koperasi Konsumen Sejahtera Bersama Serang",
            "legal_entity_number": "AHU-0001234.AH.01.29.TAHUN 2021",
            "cooperative_type": "konsumen",
            "phone": "+62254200123",
            "email": "halo@kopmart-serang.test",
            "street_address": "Jl. Raya Serang-Pandeglang No. 45",
            "rt_rw": "003/002",
            "village": "Cipare",
            "district": "Serang",
            "city": "Kota Serang",
            "province": "Banten",
            "postal_code": "42117",
            "host_names": ["serang.localhost"],
            "member_pricing_enabled": True,
            "bank_transfer_instructions": "Bank BJB 0012-3456-7890 a.n. Koperasi Konsumen "
                                          "Sejahtera Bersama Serang",
        },
        "stores": [
            {"code": "cipare", "name": "Kopmart Cipare",
             "street_address": "Jl. Raya Serang-Pandeglang No. 45", "village": "Cipare",
             "district": "Serang", "city": "Kota Serang", "province": "Banten",
             "postal_code": "42117", "opening_hours": "Senin-Sabtu 07.00-21.00"},
            {"code": "kramatwatu", "name": "Kopmart Kramatwatu",
             "street_address": "Jl. Raya Cilegon KM 8", "village": "Kramatwatu",
             "district": "Kramatwatu", "city": "Kabupaten Serang", "province": "Banten",
             "postal_code": "42161", "opening_hours": "Setiap hari 07.00-20.00"},
        ],
        "staff": [
            DemoStaff("manajer@kopmart-serang.test", "081211110001", "Hj. Siti Rohmah", Role.MANAGER),
            DemoStaff("staf@kopmart-serang.test", "081211110002", "Dedi Supriadi", Role.STAFF),
            DemoStaff("kasir@kopmart-serang.test", "081211110003", "Euis Nurhayati", Role.CASHIER),
        ],
    },
    {
        "slug": "kopma-bandung",
        "fields": {
            "name": "Koperasi Produsen Mandiri Bandung",
            "legal_name": "Koperasi Produsen dan Pemasaran UMKM Mandiri Bandung",
            "legal_entity_number": "AHU-0005678.AH.01.26.TAHUN 2019",
            "cooperative_type": "pemasaran",
            "phone": "+62227301234",
            "email": "halo@kopma-bandung.test",
            "street_address": "Jl. Cigadung Raya Barat No. 12",
            "village": "Cigadung",
            "district": "Cibeunying Kaler",
            "city": "Kota Bandung",
            "province": "Jawa Barat",
            "postal_code": "40191",
            "host_names": ["bandung.localhost"],
            "member_pricing_enabled": True,
            "brand_colour": "#1f4e8c",
        },
        "stores": [
            {"code": "cigadung", "name": "Gerai UMKM Cigadung",
             "street_address": "Jl. Cigadung Raya Barat No. 12", "village": "Cigadung",
             "district": "Cibeunying Kaler", "city": "Kota Bandung", "province": "Jawa Barat",
             "postal_code": "40191", "opening_hours": "Senin-Jumat 08.00-17.00"},
        ],
        "staff": [
            DemoStaff("manajer@kopma-bandung.test", "081322220001", "Asep Saepudin", Role.MANAGER),
            DemoStaff("staf@kopma-bandung.test", "081322220002", "Neng Lilis", Role.STAFF),
        ],
    },
]


def _user(email: str, phone: str, full_name: str, **extra) -> User:
    from backend.accounts.phone import normalize_phone

    user, created = User.objects.get_or_create(
        email=email, defaults={"phone": normalize_phone(phone) if phone else None,
                               "full_name": full_name, **extra})
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def sign_ins() -> list[tuple[str, str, str]]:
    """(who, login, password) of every demo account, to show people at start."""
    rows = [("platform operator", OPERATOR_EMAIL, DEMO_PASSWORD),
            ("UMKM seller · Emping Melinjo Bu Yati", "yati@umkm.test", DEMO_PASSWORD),
            ("member (harga anggota) · Serang", DEMO_MEMBER_EMAIL, DEMO_PASSWORD)]
    for spec in COOPERATIVES:
        for staff in spec["staff"]:
            rows.append((f"{staff.role} · {spec['fields']['name']}", staff.email, DEMO_PASSWORD))
    return rows


@transaction.atomic
def populate(size: int = 0) -> None:
    _user(OPERATOR_EMAIL, "", "Operator Platform", is_staff=True, is_superuser=True)
    for spec in COOPERATIVES:
        cooperative, _ = Cooperative.objects.update_or_create(slug=spec["slug"],
                                                              defaults=spec["fields"])
        for store in spec["stores"]:
            store = dict(store)
            location_upsert(cooperative, store.pop("code"), kind="store", **store)
        for staff in spec["staff"]:
            user = _user(staff.email, staff.phone, staff.full_name)
            StaffMembership.objects.update_or_create(
                user=user, cooperative=cooperative, defaults={"role": staff.role})
        populate_catalog(cooperative, DEMO_PASSWORD)
        populate_members(cooperative, DEMO_PASSWORD)
        populate_stock(cooperative)
        populate_delivery(cooperative)
        populate_suppliers(cooperative)
    if size:
        populate_bulk(Cooperative.objects.get(slug=COOPERATIVES[0]["slug"]), size)

"""Demo member registers: the Serang cooperative's members, one linked to a demo shopper
account, a member price rule and a few explicit member prices."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.cooperatives.models import Cooperative
from backend.crypto import encrypt, lookup_hash
from catalog.models import ProductVariant

from .models import Member, PriceRule, VariantMemberPrice

FIRST = ["Siti", "Budi", "Asep", "Euis", "Ujang", "Dewi", "Rahmat", "Neng", "Agus", "Yati",
         "Dedi", "Lilis", "Endang", "Tuti", "Iwan"]
LAST = ["Aminah", "Santoso", "Saepudin", "Nurhayati", "Sopandi", "Lestari", "Hidayat",
        "Rohmah", "Suryana", "Kurniasih"]
DEMO_MEMBER_EMAIL = "anggota@kopmart-serang.test"


@transaction.atomic
def populate_members(cooperative: Cooperative, password: str, count: int = 40) -> None:
    rng = random.Random(cooperative.pk)
    today = timezone.localdate()
    for n in range(1, count + 1):
        nik = f"3604{rng.randrange(10**11, 10**12):012d}"
        Member.objects.update_or_create(
            cooperative=cooperative, member_number=f"{cooperative.slug[:3].upper()}-{n:04d}",
            defaults={
                "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "nik_encrypted": encrypt(nik), "nik_hash": lookup_hash(nik),
                "nik_last4": nik[-4:], "phone": f"+62812{rng.randrange(10**7, 10**8)}",
                "status": "anggota" if n % 10 else "calon_anggota",
                "category": "Karyawan" if n % 7 == 0 else "Reguler",
                "date_joined": datetime.date(2015 + n % 10, 1 + n % 12, 1 + n % 28),
                "dues_paid_until": today.replace(day=1) - datetime.timedelta(days=1),
                "savings_pokok": 100_000, "savings_wajib": 25_000 * rng.randrange(4, 60),
                "savings_sukarela": 10_000 * rng.randrange(0, 50)})
    user, created = User.objects.get_or_create(
        email=DEMO_MEMBER_EMAIL, defaults={"full_name": "Ibu Siti Anggota",
                                           "phone": "+6281299990001"})
    if created:
        user.set_password(password)
        user.save()
    Member.objects.update_or_create(
        cooperative=cooperative, member_number=f"{cooperative.slug[:3].upper()}-0000",
        defaults={"full_name": "Siti Anggota", "phone": "+6281299990001", "status": "anggota",
                  "category": "Reguler", "user": user, "linked_at": timezone.now(),
                  "dues_paid_until": today + datetime.timedelta(days=60),
                  "savings_pokok": 100_000, "savings_wajib": 600_000})
    PriceRule.objects.get_or_create(cooperative=cooperative, name="Harga anggota 5%",
                                    defaults={"kind": "percent", "value": Decimal(5)})
    for variant in ProductVariant.objects.of(cooperative).filter(sku__in=["GULA-1", "MGR-2L"]):
        VariantMemberPrice.objects.update_or_create(
            variant=variant, defaults={"cooperative": cooperative,
                                       "price": variant.price - 1500})

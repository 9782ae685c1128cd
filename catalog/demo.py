"""Demo catalog: UMKM sellers and products of each demo cooperative, with generated photos,
and `size` extra products for benchmarks."""

import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from backend.accounts.models import User
from backend.cooperatives.models import Cooperative

from .models import (
    Category,
    MediaReview,
    Product,
    ProductMedia,
    ProductStatus,
    ProductVariant,
    Seller,
    SellerStatus,
)
from .services.categories import category_create
from .services.media import thumbnails_store

CATEGORIES = {
    "Makanan Ringan": ["Keripik", "Emping", "Kerupuk"],
    "Minuman": ["Kopi", "Teh"],
    "Bumbu & Sambal": [],
    "Kebutuhan Pokok": ["Beras", "Gula", "Minyak Goreng"],
    "Kerajinan": ["Batik"],
}

# seller: (owner email or None for the cooperative itself, [(product, category, halal,
#          food, [(variant, sku, price, grams)])])
SELLERS = {
    "kopmart-serang": {
        "Emping Melinjo Bu Yati": ("yati@umkm.test", [
            ("Emping Melinjo Original", "Emping", True, True,
             [("250 g", "EMP-YT-250", 27000, 250), ("500 g", "EMP-YT-500", 52000, 500)]),
            ("Emping Melinjo Pedas Manis", "Emping", True, True,
             [("250 g", "EMP-YT-PM250", 29000, 250)]),
        ]),
        "Keripik Singkong Pak Ujang": ("ujang@umkm.test", [
            ("Keripik Singkong Balado", "Keripik", True, True,
             [("100 g", "KRP-UJ-BAL100", 12500, 100), ("250 g", "KRP-UJ-BAL250", 28000, 250)]),
            ("Kripik Pisang Manis", "Keripik", True, True,
             [("150 g", "KRP-UJ-PIS150", 15000, 150)]),
        ]),
        "Kopi Robusta Gunung Karang": ("endang@umkm.test", [
            ("Kopi Robusta Bubuk Gunung Karang", "Kopi", True, True,
             [("200 g", "KOPI-GK-200", 35000, 200), ("500 g", "KOPI-GK-500", 80000, 500)]),
        ]),
        "Waserda Kopmart Serang": (None, [
            ("Beras Pandan Wangi", "Beras", True, True,
             [("5 kg", "BRS-PW-5", 78000, 5000), ("10 kg", "BRS-PW-10", 152000, 10000)]),
            ("Gula Pasir", "Gula", True, True, [("1 kg", "GULA-1", 17500, 1000)]),
            ("Minyak Goreng Sawit", "Minyak Goreng", True, True,
             [("2 liter", "MGR-2L", 36000, 1900)]),
        ]),
    },
    "kopma-bandung": {
        "Batik Cigadung Ibu Euis": ("euis@umkm.test", [
            ("Kain Batik Cigadung Motif Merak", "Batik", False, False,
             [("2 m", "BTK-CG-MRK", 350000, 400)]),
        ]),
        "Sambal Roa Mama Ita": ("ita@umkm.test", [
            ("Sambal Roa Pedas", "Bumbu & Sambal", True, True,
             [("Botol 200 ml", "SMB-ROA-200", 45000, 260)]),
        ]),
        "Kopi Malabar Pangalengan": ("dadang@umkm.test", [
            ("Kopi Arabika Malabar Biji", "Kopi", True, True,
             [("250 g", "KOPI-MLB-250", 65000, 250)]),
        ]),
    },
}
PALETTE = [(183, 28, 28), (27, 94, 32), (13, 71, 161), (230, 81, 0), (74, 20, 140),
           (0, 96, 100), (130, 119, 23), (78, 52, 46)]


def product_photo(name: str, seed: int) -> bytes:
    """A plain coloured card with the product's initials: stands in for a phone photo."""
    color = PALETTE[seed % len(PALETTE)]
    image = Image.new("RGB", (800, 800), color)
    draw = ImageDraw.Draw(image)
    draw.ellipse((150, 150, 650, 650), fill=(255, 255, 255))
    initials = "".join(word[0] for word in name.split()[:3]).upper()
    draw.text((400, 400), initials, fill=color, anchor="mm", font_size=180)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _store_photo(media: ProductMedia, content: bytes) -> None:
    media.image.save(f"demo-{media.product.slug}.jpg", ContentFile(content), save=False)
    media.width = media.height = 800
    media.thumbnails = thumbnails_store(f"products/thumbnails/demo-{media.product.slug}",
                                        content)
    media.save()


def _categories(cooperative: Cooperative) -> dict[str, Category]:
    by_name = {c.name: c for c in Category.objects.of(cooperative)}
    for top, children in CATEGORIES.items():
        if top not in by_name:
            by_name[top] = category_create(cooperative, name=top)
        for child in children:
            if child not in by_name:
                by_name[child] = category_create(cooperative, name=child,
                                                 parent=by_name[top])
    return by_name


def _owner(email: str | None, password: str) -> User | None:
    if email is None:
        return None
    user, created = User.objects.get_or_create(email=email, defaults={
        "full_name": email.split("@")[0].title()})
    if created:
        user.set_password(password)
        user.save()
    return user


@transaction.atomic
def populate_catalog(cooperative: Cooperative, password: str) -> None:
    categories = _categories(cooperative)
    now = timezone.now()
    for index, (business, (owner_email, products)) in enumerate(
            SELLERS.get(cooperative.slug, {}).items()):
        seller, _ = Seller.objects.update_or_create(
            cooperative=cooperative, business_name=business, defaults={
                "slug": business.lower().replace(" ", "-")[:80],
                "owner": _owner(owner_email, password), "owner_name": business,
                "phone": f"+6281300{index:02d}{cooperative.pk:04d}",
                "is_cooperative_itself": owner_email is None, "status": SellerStatus.APPROVED,
                "city": cooperative.city, "province": cooperative.province,
                "halal_certificate_number": f"ID3211000{index:04d}{cooperative.pk:03d}",
                "food_permit_kind": "pirt", "food_permit_number": f"20636040{index:05d}-26",
                "story": f"{business} adalah UMKM binaan {cooperative.name}."})
        for position, (name, category, halal, food, variants) in enumerate(products):
            product, created = Product.objects.update_or_create(
                cooperative=cooperative, slug=name.lower().replace(" ", "-")[:220], defaults={
                    "seller": seller, "name": name, "category": categories[category],
                    "description": f"<p>{name} dari {business}.</p>", "is_halal": halal,
                    "is_food": food, "status": ProductStatus.PUBLISHED, "published_at": now})
            for v_position, (label, sku, price, grams) in enumerate(variants):
                ProductVariant.objects.update_or_create(
                    cooperative=cooperative, sku=sku, defaults={
                        "product": product, "name": label, "price": price,
                        "weight_grams": grams, "position": v_position})
            if not product.media.exists():
                media = ProductMedia(cooperative=cooperative, product=product,
                                     alt=name, position=1, review=MediaReview.LIVE)
                _store_photo(media, product_photo(name, index * 7 + position))


BENCH_WORDS = ["Keripik", "Emping", "Kopi", "Sambal", "Kerupuk", "Dodol", "Teh", "Madu",
               "Gula Aren", "Beras", "Rengginang", "Opak", "Kue Kering", "Abon", "Batik"]
BENCH_FLAVOURS = ["Original", "Pedas", "Manis", "Balado", "Bawang", "Keju", "Jagung Bakar",
                  "Rumput Laut", "Robusta", "Arabika", "Melinjo", "Singkong", "Pisang"]


@transaction.atomic
def populate_bulk(cooperative: Cooperative, size: int) -> int:
    """`size` published products with two variants and a photo each, for benchmarks. Rows
    go in with bulk inserts; every product shares one of a few generated photos."""
    existing = Product.objects.of(cooperative).filter(slug__startswith="bench-").count()
    missing = size - existing
    if missing <= 0:
        return 0
    sellers = list(Seller.objects.of(cooperative).filter(status=SellerStatus.APPROVED))
    categories = list(Category.objects.of(cooperative).filter(depth=2)) or [None]
    photos = []
    for seed in range(len(PALETTE)):
        content = product_photo(BENCH_WORDS[seed], seed)
        name = default_storage.save(f"products/bench/{seed}.jpg", ContentFile(content))
        photos.append((name, thumbnails_store(f"products/thumbnails/bench-{seed}", content)))
    rng = random.Random(42)
    now = timezone.now()
    products = []
    for n in range(existing, size):
        name = f"{rng.choice(BENCH_WORDS)} {rng.choice(BENCH_FLAVOURS)} {n}"
        products.append(Product(
            cooperative=cooperative, seller=sellers[n % len(sellers)], name=name,
            slug=f"bench-{n}", category=categories[n % len(categories)],
            description=f"<p>{name}, produk UMKM.</p>", is_halal=n % 3 != 0,
            status=ProductStatus.PUBLISHED, published_at=now))
    Product.objects.bulk_create(products, batch_size=2000)
    variants, media = [], []
    for product in products:
        n = int(product.slug.split("-")[1])
        base = rng.randrange(5, 150) * 1000
        variants += [
            ProductVariant(cooperative=cooperative, product=product, sku=f"BENCH-{n}-S",
                           name="Kecil", price=base, weight_grams=100, position=0),
            ProductVariant(cooperative=cooperative, product=product, sku=f"BENCH-{n}-L",
                           name="Besar", price=base * 2, weight_grams=250, position=1)]
        image, thumbs = photos[n % len(photos)]
        media.append(ProductMedia(cooperative=cooperative, product=product, image=image,
                                  width=800, height=800, alt=product.name, position=1,
                                  thumbnails=thumbs))
    ProductVariant.objects.bulk_create(variants, batch_size=5000)
    ProductMedia.objects.bulk_create(media, batch_size=5000)
    with connection.cursor() as cursor:
        # Fresh planner statistics, as autovacuum would give a catalog that grew over time.
        for model in (Product, ProductVariant, ProductMedia, Seller):
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')
    return missing

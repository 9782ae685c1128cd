"""Demo catalog: UMKM sellers and products of each demo cooperative, with generated photos,
and `size` extra products for benchmarks."""

import functools
import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from backend.accounts.models import User
from backend.cooperatives.models import Cooperative

from .images import make_thumbnails
from .models import (
    Category,
    MediaReview,
    Product,
    ProductMedia,
    ProductStatus,
    ProductVariant,
    SearchSynonym,
    Seller,
    SellerStatus,
)
from .search import products_changed, search_index_rebuild
from .search.text import forget_synonyms
from .services.categories import category_create
from .services.media import thumbnails_store

CATEGORIES = {
    "Makanan Ringan": ["Keripik", "Emping", "Kerupuk", "Dodol & Jenang", "Kue Kering"],
    "Minuman": ["Kopi", "Teh", "Madu"],
    "Bumbu & Sambal": [],
    "Lauk Kering": [],
    "Kebutuhan Pokok": ["Beras", "Gula", "Minyak Goreng", "Telur", "Tepung"],
    "Kerajinan": ["Batik", "Aksesoris"],
}

# seller: (owner email or None for the cooperative itself, [(product, category, halal,
#          food, [(variant, sku, price, grams)], description)])
SELLERS = {
    "kopmart-serang": {
        "Emping Melinjo Bu Yati": ("yati@umkm.test", [
            ("Emping Melinjo Original", "Emping", True, True,
             [("250 g", "EMP-YT-250", 27000, 250), ("500 g", "EMP-YT-500", 52000, 500)],
             "Emping dari biji melinjo pilihan Pandeglang, ditumbuk tangan, gurih dan renyah."),
            ("Emping Melinjo Pedas Manis", "Emping", True, True,
             [("250 g", "EMP-YT-PM250", 29000, 250)],
             "Emping melinjo berbalut gula merah dan cabai, rasa pedas manis."),
            ("Emping Jagung Manis", "Emping", True, True,
             [("200 g", "EMP-YT-JG200", 18000, 200)],
             "Emping dari jagung pipil, manis gurih, cocok untuk camilan keluarga."),
        ]),
        "Keripik Singkong Pak Ujang": ("ujang@umkm.test", [
            ("Keripik Singkong Balado", "Keripik", True, True,
             [("100 g", "KRP-UJ-BAL100", 12500, 100), ("250 g", "KRP-UJ-BAL250", 28000, 250)],
             "Singkong iris tipis digoreng renyah dengan bumbu balado pedas."),
            ("Kripik Pisang Manis", "Keripik", True, True,
             [("150 g", "KRP-UJ-PIS150", 15000, 150)],
             "Pisang kepok iris tipis, digoreng kering dengan gula."),
            ("Keripik Tempe Sagu", "Keripik", True, True,
             [("200 g", "KRP-UJ-TMP200", 16000, 200)],
             "Tempe tipis bertepung sagu, gurih dengan daun jeruk."),
            ("Keripik Talas Original", "Keripik", True, True,
             [("150 g", "KRP-UJ-TLS150", 17000, 150)],
             "Talas Bogor iris tipis, asin gurih tanpa pengawet."),
        ]),
        "Kerupuk Ibu Kokom": ("kokom@umkm.test", [
            ("Kerupuk Udang Mentah", "Kerupuk", True, True,
             [("250 g", "KRU-KK-UDG250", 24000, 250)],
             "Kerupuk udang siap goreng, mekar besar dan renyah."),
            ("Kerupuk Kulit Sapi", "Kerupuk", True, True,
             [("100 g", "KRU-KK-KLT100", 22000, 100)],
             "Krecek kulit sapi kering, gurih untuk sayur atau camilan."),
            ("Kerupuk Bawang Putih", "Kerupuk", True, True,
             [("200 g", "KRU-KK-BWG200", 11000, 200)],
             "Kerupuk bawang khas Serang, digoreng dengan minyak kelapa."),
            ("Rengginang Ketan Terasi", "Kerupuk", True, True,
             [("250 g", "KRU-KK-RGN250", 19000, 250)],
             "Rengginang dari beras ketan dengan bumbu terasi, siap goreng."),
        ]),
        "Kopi Robusta Gunung Karang": ("endang@umkm.test", [
            ("Kopi Robusta Bubuk Gunung Karang", "Kopi", True, True,
             [("200 g", "KOPI-GK-200", 35000, 200), ("500 g", "KOPI-GK-500", 80000, 500)],
             "Kopi robusta dari lereng Gunung Karang Pandeglang, digiling halus."),
            ("Kopi Robusta Biji Sangrai", "Kopi", True, True,
             [("250 g", "KOPI-GK-BJ250", 45000, 250)],
             "Biji kopi robusta disangrai medium, untuk digiling sendiri."),
            ("Kopi Susu Gula Aren Siap Seduh", "Kopi", True, True,
             [("10 sachet", "KOPI-GK-SUSU10", 30000, 250)],
             "Kopi instan dengan susu dan gula aren, tinggal tuang air panas."),
            ("Teh Hijau Melati", "Teh", True, True,
             [("100 g", "TEH-GK-MLT100", 20000, 100)],
             "Teh hijau tubruk dengan bunga melati, wangi dan segar."),
        ]),
        "Sambal Teh Nunung": ("nunung@umkm.test", [
            ("Sambal Bawang Pedas", "Bumbu & Sambal", True, True,
             [("Botol 150 ml", "SMB-NN-BWG150", 25000, 200)],
             "Sambel bawang cabai rawit, pedasnya nampol, tanpa pengawet."),
            ("Sambal Terasi Matang", "Bumbu & Sambal", True, True,
             [("Botol 150 ml", "SMB-NN-TRS150", 25000, 200)],
             "Sambal terasi udang Labuan dimasak matang, awet tiga bulan."),
            ("Sambal Cumi Asin", "Bumbu & Sambal", True, True,
             [("Botol 200 ml", "SMB-NN-CUMI200", 38000, 260)],
             "Cumi asin dan cabai merah dalam minyak, lauk siap makan."),
            ("Abon Sapi Pedas", "Lauk Kering", True, True,
             [("100 g", "ABN-NN-SP100", 35000, 100)],
             "Abon daging sapi suwir dengan cabai, lauk kering tahan lama."),
            ("Abon Ikan Tuna", "Lauk Kering", True, True,
             [("100 g", "ABN-NN-TN100", 30000, 100)],
             "Abon ikan tuna segar dari pelabuhan Karangantu."),
        ]),
        "Dodol Ibu Entin": ("entin@umkm.test", [
            ("Dodol Durian Asli", "Dodol & Jenang", True, True,
             [("250 g", "DDL-EN-DUR250", 32000, 250)],
             "Dodol dari daging durian dan ketan, legit dan harum."),
            ("Dodol Nanas", "Dodol & Jenang", True, True,
             [("250 g", "DDL-EN-NNS250", 22000, 250)],
             "Dodol buah nanas Banten, manis asam segar."),
            ("Kue Kering Nastar Keju", "Kue Kering", True, True,
             [("Toples 500 g", "KUE-EN-NST500", 85000, 600)],
             "Nastar isi selai nanas dengan taburan keju, untuk Lebaran."),
            ("Madu Hutan Baduy", "Madu", True, True,
             [("Botol 350 ml", "MADU-EN-BDY350", 95000, 500)],
             "Madu murni dari hutan Baduy, dipanen warga tanpa campuran gula."),
        ]),
        "Batik Banten Ibu Ratu": ("ratu@umkm.test", [
            ("Kemeja Batik Banten Pria", "Batik", False, False,
             [("M", "BTK-RT-KMJ-M", 175000, 300), ("L", "BTK-RT-KMJ-L", 175000, 320)],
             "Kemeja lengan pendek batik cap motif Surosowan, bahan katun primisima."),
            ("Kain Batik Tulis Motif Pamaranggen", "Batik", False, False,
             [("2 m", "BTK-RT-TLS2", 450000, 400)],
             "Batik tulis tangan motif khas Banten, pewarna alam."),
            ("Daster Batik Wanita", "Batik", False, False,
             [("All size", "BTK-RT-DST", 85000, 250)],
             "Daster rayon motif batik, adem untuk di rumah."),
            ("Casing Handphone Motif Batik", "Aksesoris", False, False,
             [("Universal", "AKS-RT-CASE", 45000, 50)],
             "Sarung pelindung ponsel dari kain batik sisa produksi."),
        ]),
        "Waserda Kopmart Serang": (None, [
            ("Beras Pandan Wangi", "Beras", True, True,
             [("5 kg", "BRS-PW-5", 78000, 5000), ("10 kg", "BRS-PW-10", 152000, 10000)],
             "Beras pulen wangi pandan dari petani Cianjur."),
            ("Beras Merah Organik", "Beras", True, True,
             [("1 kg", "BRS-MRH-1", 24000, 1000)],
             "Beras merah tanpa pestisida, kaya serat."),
            ("Beras Ketan Putih", "Beras", True, True,
             [("1 kg", "BRS-KTN-1", 21000, 1000)],
             "Ketan putih untuk lemper, tape dan kue tradisional."),
            ("Gula Pasir", "Gula", True, True, [("1 kg", "GULA-1", 17500, 1000)],
             "Gula pasir putih kristal, kemasan satu kilogram."),
            ("Gula Aren Cetak Baduy", "Gula", True, True,
             [("500 g", "GULA-AREN-500", 28000, 500)],
             "Gula merah dari nira pohon aren, dicetak batok kelapa."),
            ("Minyak Goreng Sawit", "Minyak Goreng", True, True,
             [("2 liter", "MGR-2L", 36000, 1900)],
             "Minyak goreng kelapa sawit jernih, kemasan pouch."),
            ("Minyak Kelapa Murni", "Minyak Goreng", True, True,
             [("500 ml", "MGR-VCO-500", 55000, 480)],
             "Minyak kelapa (VCO) diperas dingin, untuk masak dan kesehatan."),
            ("Telur Ayam Kampung", "Telur", True, True,
             [("10 butir", "TLR-KMP-10", 28000, 600)],
             "Telur ayam kampung segar dari peternak Serang."),
            ("Tepung Terigu Serbaguna", "Tepung", True, True,
             [("1 kg", "TPG-TRG-1", 13000, 1000)],
             "Tepung terigu protein sedang untuk gorengan dan kue."),
        ]),
    },
    "kopma-bandung": {
        "Batik Cigadung Ibu Euis": ("euis@umkm.test", [
            ("Kain Batik Cigadung Motif Merak", "Batik", False, False,
             [("2 m", "BTK-CG-MRK", 350000, 400)], ""),
        ]),
        "Sambal Roa Mama Ita": ("ita@umkm.test", [
            ("Sambal Roa Pedas", "Bumbu & Sambal", True, True,
             [("Botol 200 ml", "SMB-ROA-200", 45000, 260)], ""),
        ]),
        "Kopi Malabar Pangalengan": ("dadang@umkm.test", [
            ("Kopi Arabika Malabar Biji", "Kopi", True, True,
             [("250 g", "KOPI-MLB-250", 65000, 250)], ""),
            ("Keripik Singkong Pedas Bandung", "Keripik", True, True,
             [("200 g", "KRP-MLB-200", 15000, 200)], ""),
        ]),
    },
}
SYNONYMS = [["kerupuk", "krupuk"], ["keripik", "kripik"], ["sambal", "sambel"],
            ["hp", "handphone", "ponsel"], ["migor", "minyak goreng"], ["gula merah", "aren"]]
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


@functools.cache
def _demo_photo(name: str, seed: int) -> tuple[bytes, dict]:
    # The demo's 41 photos are the same on every run; encoding their thumbnails took half of
    # `populatedb`, which tests and benches run many times in one process.
    content = product_photo(name, seed)
    return content, make_thumbnails(content)


def _store_photo(media: ProductMedia, name: str, seed: int) -> None:
    content, thumbnails = _demo_photo(name, seed)
    media.image.save(f"demo-{media.product.slug}.jpg", ContentFile(content), save=False)
    media.width = media.height = 800
    media.thumbnails = thumbnails_store(f"products/thumbnails/demo-{media.product.slug}",
                                        content, made=thumbnails)
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
    indexed = []
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
        for position, (name, category, halal, food, variants, about) in enumerate(products):
            product, created = Product.objects.update_or_create(
                cooperative=cooperative, slug=name.lower().replace(" ", "-")[:220], defaults={
                    "seller": seller, "name": name, "category": categories[category],
                    "description": f"<p>{about or name} Dari {business}.</p>", "is_halal": halal,
                    "is_food": food, "status": ProductStatus.PUBLISHED, "published_at": now})
            for v_position, (label, sku, price, grams) in enumerate(variants):
                ProductVariant.objects.update_or_create(
                    cooperative=cooperative, sku=sku, defaults={
                        "product": product, "name": label, "price": price,
                        "weight_grams": grams, "position": v_position})
            if not product.media.exists():
                media = ProductMedia(cooperative=cooperative, product=product,
                                     alt=name, position=1, review=MediaReview.LIVE)
                _store_photo(media, name, index * 7 + position)
            indexed.append(product.pk)
    for terms in SYNONYMS:
        if not SearchSynonym.objects.of(cooperative).filter(terms__contains=terms[:1]).exists():
            SearchSynonym.objects.create(cooperative=cooperative, terms=terms)
    forget_synonyms(cooperative.pk)
    products_changed(indexed)


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
    search_index_rebuild(cooperative)
    with connection.cursor() as cursor:
        cursor.execute(f'ANALYZE "{Product._meta.db_table}"')
    return missing

"""What storefront pages show of the catalog: shopper-visible products with the price the
members' PriceBook gives this shopper (what is shown is what is charged)."""

from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, Prefetch

from backend.money import format_rupiah
from catalog.models import Category, MediaReview, ProductMedia, ProductVariant, Seller
from catalog.selectors import halal_now, product_list, sellers_visible_to
from catalog.services.media import thumbnail_url
from inventory.models import Location
from inventory.selectors import (
    free_units_of_products,
    free_units_of_variants,
    units_available_by_store,
)
from members.services.eligibility import REASONS
from members.services.pricing import priced_item, priced_variants, request_price_book


@dataclass
class Photo:
    webp: str
    jpeg: str
    webp_large: str
    jpeg_large: str
    alt: str
    width: int
    height: int


@dataclass
class Price:
    price: int
    regular_price: int
    member_price: int | None
    is_member_price: bool
    note: str = ""


@dataclass
class Card:
    product: object
    price: Price | None
    photo: Photo | None
    in_stock: bool
    halal: bool
    variants: list = field(default_factory=list)


def _photo(media: ProductMedia) -> Photo:
    return Photo(thumbnail_url(media, 256, "webp"), thumbnail_url(media, 256, "jpeg"),
                 thumbnail_url(media, 512, "webp"), thumbnail_url(media, 512, "jpeg"),
                 media.alt or media.product.name, media.width, media.height)


def _price(pricing) -> Price:
    return Price(pricing.price, pricing.regular_price, pricing.member_price,
                 pricing.is_member_price, str(REASONS[pricing.reason]) if pricing.reason else "")


def with_card_data(queryset):
    shown = ProductMedia.objects.exclude(review=MediaReview.PENDING_ADD).order_by(
        "position", "pk")
    return queryset.select_related("seller", "category").prefetch_related(
        Prefetch("media", queryset=shown, to_attr="shown_media"),
        Prefetch("variants", queryset=priced_variants(ProductVariant.objects.order_by(
            "position", "pk")), to_attr="priced_variants"),
    ).annotate(free_units=free_units_of_products(),
               halal_now=ExpressionWrapper(halal_now(), output_field=BooleanField()))


def cards(request, cooperative, products) -> list[Card]:
    """Cards for already-sliced products loaded with `with_card_data`."""
    book = request_price_book(request, cooperative.pk)
    result = []
    for product in products:
        prices = [_price(book.pricing(priced_item(v))) for v in product.priced_variants]
        cheapest = book.cheapest(product.priced_variants)
        photo = _photo(product.shown_media[0]) if product.shown_media else None
        variants = list(zip(product.priced_variants, prices, strict=True))
        result.append(Card(product, cheapest and _price(cheapest), photo,
                           (product.free_units or 0) > 0, product.halal_now, variants))
    return result


def visible_products(cooperative):
    return product_list(cooperative, None)


def product_card(request, cooperative, slug: str) -> Card | None:
    product = with_card_data(visible_products(cooperative).filter(slug=slug)).first()
    if product is None:
        return None
    return cards(request, cooperative, [product])[0]


def product_photos(card: Card) -> list[Photo]:
    return [_photo(m) for m in card.product.shown_media]


def availability(product, variants) -> list[dict]:
    """Per active store, the units shoppers can still buy of each size (the inventory's
    selector, the API's `Stock.available`), for the product page."""
    by_store = units_available_by_store([v.pk for v in variants])
    stores = Location.objects.filter(pk__in=by_store).values_list("pk", "name")
    return sorted(({"name": name, "sizes": [(v.name or v.sku, by_store[pk][v.pk])
                                            for v in variants if v.pk in by_store[pk]]}
                   for pk, name in stores), key=lambda e: e["name"])


def variants_free_units(product) -> dict[int, int]:
    return dict(ProductVariant.objects.filter(product=product).annotate(
        free=free_units_of_variants()).values_list("pk", "free"))


def categories_of(cooperative):
    return Category.objects.of(cooperative).filter(depth=1).order_by("path")


def categories_all(cooperative):
    return Category.objects.of(cooperative).order_by("path")


def category_by_slug(cooperative, slug: str):
    return Category.objects.of(cooperative).filter(slug=slug).first()


def sellers_of(cooperative):
    return sellers_visible_to(None, Seller.objects.of(cooperative)).order_by("business_name")


def seller_by_slug(cooperative, slug: str):
    return sellers_of(cooperative).filter(slug=slug).first()


def pickup_stores(cooperative):
    return Location.objects.of(cooperative).filter(is_active=True, pickup_allowed=True).order_by(
        "name")


def member_price_cards(request, cooperative, *, limit: int = 48, scan: int = 2000) -> list[Card]:
    """Products where this shopper pays a member price, by name (the PriceBook decides)."""
    found: list[Card] = []
    products = visible_products(cooperative).order_by("name", "pk")
    for start in range(0, scan, 200):
        chunk = list(with_card_data(products)[start:start + 200])
        found += [c for c in cards(request, cooperative, chunk)
                  if c.price and c.price.is_member_price]
        if len(found) >= limit or len(chunk) < 200:
            break
    return found[:limit]


def shu_rows(shares) -> list[dict]:
    """SHU shares as the statement page shows them (amounts as Rp12.500)."""
    return [{
        "cooperative": s.member.cooperative.name, "year": s.calculation.fiscal_year,
        "member_number": s.member.member_number,
        "purchases": format_rupiah(s.purchases), "savings": format_rupiah(s.savings),
        "jasa_anggota": format_rupiah(s.jasa_anggota), "jasa_modal": format_rupiah(s.jasa_modal),
        "total": format_rupiah(s.total)} for s in shares]

import graphene
from django.db.models import BooleanField, ExpressionWrapper, Max, Min, OuterRef, Prefetch, Subquery
from graphene import relay
from graphene.types.generic import GenericScalar
from query_optimizer import DjangoObjectType, ManuallyOptimizedField

from backend.error_codes import FileErrorCode
from backend.graphql.core.connections import (
    CountableConnection,
    DjangoConnectionField,
    DjangoListField,
)
from backend.graphql.core.errors import PermissionDenied, error_code_enum, error_type
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.money import Money, money_field
from inventory.selectors import free_units_of_products, free_units_of_variants
from members.graphql.pricing import PricingType, priced_variants, product_pricing, variant_pricing

from ..error_codes import CatalogErrorCode as Codes
from ..models import (
    Category,
    MediaReview,
    Product,
    ProductMedia,
    ProductStatus,
    ProductType,
    ProductVariant,
    Seller,
    SellerStatus,
)
from ..selectors import (
    can_see_seller_private_data,
    halal_now,
    product_parts_visible_to,
    products_visible_to,
    seller_permit_warnings,
    sellers_visible_to,
)
from ..services.common import can_act_for_seller
from ..services.media import thumbnail_url
from ..services.products import seller_halal_valid, shown_media
from .search import ProductCountableConnection

CatalogErrorCode = error_code_enum("CatalogErrorCode", Codes, FileErrorCode)
CatalogError = error_type("CatalogError", CatalogErrorCode)

class ModerationEventType(graphene.ObjectType):
    class Meta:
        name = "ModerationEvent"

    action = graphene.String(required=True)
    actor_name = graphene.String()
    reason = graphene.String(required=True)
    changes = GenericScalar(required=True)
    created_at = graphene.DateTime(required=True)


def moderation_history(root, info, owner_seller):
    """Who did which review step and when: for the seller and its cooperative's staff."""
    if not can_act_for_seller(info.context.user, owner_seller):
        raise PermissionDenied()
    return [ModerationEventType(action=e.action, reason=e.reason, changes=e.changes,
                                created_at=e.created_at,
                                actor_name=e.actor.full_name or str(e.actor) if e.actor else None)
            for e in root.moderation_events.select_related("actor")]


SellerStatusEnum = graphene.Enum("SellerStatusEnum", [(s.name, s.value) for s in SellerStatus])
ProductStatusEnum = graphene.Enum("ProductStatusEnum",
                                  [(s.name, s.value) for s in ProductStatus])
MediaReviewEnum = graphene.Enum("MediaReviewEnum", [(s.name, s.value) for s in MediaReview])
FoodPermitKindEnum = graphene.Enum("FoodPermitKindEnum",
                                   [("PIRT", "pirt"), ("BPOM_MD", "bpom_md")])
ImageFormatEnum = graphene.Enum("ImageFormatEnum", [("WEBP", "webp"), ("JPEG", "jpeg")])


class PriceRange(graphene.ObjectType):
    start = graphene.Field(Money, required=True)
    stop = graphene.Field(Money, required=True)


def _private(resolver):
    """Seller details for the seller itself and its cooperative's managers only."""
    def wrapper(root, info, **kwargs):
        if not can_see_seller_private_data(info.context.user, root):
            raise PermissionDenied()
        return resolver(root, info, **kwargs)
    return wrapper


class PermitWarningType(graphene.ObjectType):
    permit = graphene.String(required=True, description="halal or food.")
    expires = graphene.Date(required=True)
    days_left = graphene.Int(required=True, description="Negative once expired.")
    expired = graphene.Boolean(required=True)
    message = graphene.String(required=True, description="As the seller portal says it.")

    class Meta:
        name = "PermitWarning"


class SellerNode(DjangoObjectType):
    status = graphene.Field(SellerStatusEnum, required=True)
    permit_warnings = graphene.List(
        graphene.NonNull(PermitWarningType),
        description="Permits expired or expiring within 30 days (the seller and its "
                    "managers).")
    food_permit_kind = graphene.Field(FoodPermitKindEnum)
    products = DjangoConnectionField("catalog.graphql.types.ProductNode")
    moderation_history = graphene.List(graphene.NonNull(ModerationEventType))
    # private
    owner_name = graphene.String()
    phone = graphene.String()
    email = graphene.String()
    nib = graphene.String()
    bank_name = graphene.String()
    bank_account_number = graphene.String()
    bank_account_holder = graphene.String()
    member_number = graphene.String()
    street_address = graphene.String()
    status_reason = graphene.String()

    class Meta:
        model = Seller
        name = "Seller"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = (
            "id", "business_name", "slug", "story", "village", "district", "city", "province",
            "halal_certificate_number", "halal_certificate_expires", "food_permit_kind",
            "food_permit_number", "food_permit_expires", "is_cooperative_itself", "status",
            "created_at", "cooperative",
            # private, resolved below
            "owner_name", "phone", "email", "nib", "bank_name", "bank_account_number",
            "bank_account_holder", "member_number", "street_address", "status_reason",
            "products", "moderation_history", "permit_warnings",
        )

    @classmethod
    def filter_queryset(cls, queryset, info):
        return sellers_visible_to(info.context.user, queryset)

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_food_permit_kind(root, info):
        return root.food_permit_kind or None

    @staticmethod
    def resolve_moderation_history(root, info):
        return moderation_history(root, info, root)

    resolve_owner_name = _private(lambda root, info: root.owner_name)
    resolve_phone = _private(lambda root, info: root.phone)
    resolve_email = _private(lambda root, info: root.email)
    resolve_nib = _private(lambda root, info: root.nib)
    resolve_bank_name = _private(lambda root, info: root.bank_name)
    resolve_bank_account_number = _private(lambda root, info: root.bank_account_number)
    resolve_bank_account_holder = _private(lambda root, info: root.bank_account_holder)
    resolve_member_number = _private(lambda root, info: root.member_number)
    resolve_street_address = _private(lambda root, info: root.street_address)
    resolve_status_reason = _private(lambda root, info: root.status_reason)
    resolve_permit_warnings = _private(lambda root, info: seller_permit_warnings(root))


class CategoryNode(DjangoObjectType):
    parent = graphene.Field(lambda: CategoryNode)
    children = graphene.List(graphene.NonNull(lambda: CategoryNode), required=True)
    level = graphene.Int(required=True)

    class Meta:
        model = Category
        name = "Category"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "name", "slug", "description")

    @staticmethod
    def resolve_parent(root: Category, info):
        return root.get_parent()

    @staticmethod
    def resolve_children(root: Category, info):
        return root.get_children()

    @staticmethod
    def resolve_level(root: Category, info):
        return root.depth - 1


class ProductTypeNode(DjangoObjectType):
    attributes = GenericScalar(required=True)

    class Meta:
        model = ProductType
        name = "ProductType"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "name", "attributes")


class ProductVariantNode(DjangoObjectType):
    attributes = GenericScalar(required=True)
    price = money_field("price", description="The regular price.")
    compare_at_price = money_field("compare_at_price", required=False)
    pricing = ManuallyOptimizedField(
        PricingType, required=True,
        description="What the current shopper pays, and the member price beside it.")
    quantity_available = ManuallyOptimizedField(
        graphene.Int, required=True, description="Units shoppers can still buy, all stores.")

    class Meta:
        model = ProductVariant
        name = "ProductVariant"
        interfaces = (relay.Node,)
        fields = ("id", "sku", "barcode", "name", "attributes", "price", "compare_at_price",
                  "weight_grams", "length_cm", "width_cm", "height_cm", "position", "pricing",
                  "quantity_available")

    @classmethod
    def lookup_queryset(cls, queryset, info):
        return product_parts_visible_to(info.context.user, queryset)

    @staticmethod
    def optimize_pricing(queryset, optimizer, **kwargs):
        return priced_variants(queryset)

    @staticmethod
    def optimize_quantity_available(queryset, optimizer, **kwargs):
        return queryset.annotate(free_units=free_units_of_variants())

    @staticmethod
    def resolve_quantity_available(root, info):
        if not hasattr(root, "free_units"):
            root.free_units = type(root).objects.filter(pk=root.pk).annotate(
                free=free_units_of_variants()).values_list("free", flat=True).first()
        return max(0, root.free_units or 0)

    @staticmethod
    def resolve_pricing(root, info):
        return variant_pricing(info.context, root)


class ProductMediaNode(DjangoObjectType):
    url = graphene.String(required=True, description="The cleaned original.")
    thumbnail = graphene.String(
        required=True, size=graphene.Int(required=True, default_value=256),
        format=ImageFormatEnum(required=True, default_value="webp"),
        description="The smallest thumbnail at least `size` px; the original until ready.")
    review = graphene.Field(MediaReviewEnum, required=True)

    class Meta:
        model = ProductMedia
        name = "ProductMedia"
        interfaces = (relay.Node,)
        fields = ("id", "alt", "position", "width", "height", "review")

    @staticmethod
    def resolve_review(root, info):
        return str(root.review)

    @classmethod
    def filter_queryset(cls, queryset, info):
        # Photos waiting for review are shown to the seller through `pendingRevision`.
        return queryset.exclude(review=MediaReview.PENDING_ADD)

    @classmethod
    def lookup_queryset(cls, queryset, info):
        # By ID the seller and catalog staff also reach photos waiting for review.
        return product_parts_visible_to(info.context.user, queryset)

    @staticmethod
    def resolve_url(root, info):
        return info.context.build_absolute_uri(root.image.url)

    @staticmethod
    def resolve_thumbnail(root, info, size=256, format="webp"):
        return info.context.build_absolute_uri(
            thumbnail_url(root, size, enum_value(format)))


class ProductRevisionType(graphene.ObjectType):
    class Meta:
        name = "ProductRevision"

    name = graphene.String(required=True)
    description = graphene.String(required=True)
    category = graphene.Field(CategoryNode)
    status = graphene.String(required=True)
    rejection_reason = graphene.String(required=True)
    new_media = graphene.List(graphene.NonNull(ProductMediaNode), required=True)
    removed_media = graphene.List(graphene.NonNull(ProductMediaNode), required=True)


class ProductNode(DjangoObjectType):
    attributes = GenericScalar(required=True)
    status = graphene.Field(ProductStatusEnum, required=True)
    variants = DjangoListField(ProductVariantNode, required=True)
    media = DjangoListField(ProductMediaNode, required=True)
    pricing = ManuallyOptimizedField(
        PricingType, description="The lowest price the current shopper pays among the "
                                 "variants, with the member price beside it.")
    is_halal = ManuallyOptimizedField(
        graphene.Boolean, required=True,
        description="Marked halal, with the seller's halal certificate still valid.")
    in_stock = ManuallyOptimizedField(
        graphene.Boolean, required=True, description="Can shoppers buy it now?")
    price_range = ManuallyOptimizedField(
        PriceRange, description="The shopper's price, lowest to highest variant.")
    thumbnail = ManuallyOptimizedField(
        graphene.String, args={"size": graphene.Int(required=True, default_value=256),
                               "format": ImageFormatEnum(required=True, default_value="webp")},
        description="The first photo's thumbnail; the original until thumbnails are made.")
    moderation_history = graphene.List(graphene.NonNull(ModerationEventType))
    pending_revision = graphene.Field(
        ProductRevisionType, description="Changes waiting for review: the seller and catalog "
                                         "staff only.")

    class Meta:
        model = Product
        name = "Product"
        interfaces = (relay.Node,)
        connection_class = ProductCountableConnection
        fields = ("id", "name", "slug", "description", "seller", "category", "product_type",
                  "attributes", "status", "rejection_reason", "is_halal", "is_food",
                  "tracks_expiry", "shelf_life_days", "created_at", "published_at",
                  "variants", "media", "moderation_history", "pricing", "in_stock")

    @classmethod
    def filter_queryset(cls, queryset, info):
        return products_visible_to(info.context.user, queryset)

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def optimize_pricing(queryset, optimizer, **kwargs):
        return queryset.prefetch_related(Prefetch(
            "variants", queryset=priced_variants(ProductVariant.objects.all()),
            to_attr="priced_variants"))

    @staticmethod
    def resolve_pricing(root: Product, info):
        return product_pricing(info.context, root)

    @staticmethod
    def optimize_is_halal(queryset, optimizer, **kwargs):
        return queryset.annotate(halal_now=ExpressionWrapper(halal_now(),
                                                             output_field=BooleanField()))

    @staticmethod
    def resolve_is_halal(root: Product, info):
        if hasattr(root, "halal_now"):
            return root.halal_now
        return root.is_halal and seller_halal_valid(root.seller)

    @staticmethod
    def optimize_in_stock(queryset, optimizer, **kwargs):
        return queryset.annotate(free_units=free_units_of_products())

    @staticmethod
    def resolve_in_stock(root: Product, info):
        if not hasattr(root, "free_units"):
            root.free_units = Product.objects.filter(pk=root.pk).annotate(
                free=free_units_of_products()).values_list("free", flat=True).first()
        return (root.free_units or 0) > 0

    @staticmethod
    def optimize_price_range(queryset, optimizer, **kwargs):
        prices = ProductVariant.objects.filter(product=OuterRef("pk")).values("product")
        return queryset.annotate(
            price_min=Subquery(prices.annotate(value=Min("price")).values("value")),
            price_max=Subquery(prices.annotate(value=Max("price")).values("value")))

    @staticmethod
    def resolve_price_range(root: Product, info):
        if not hasattr(root, "price_min"):  # not loaded through the optimizer (a payload)
            prices = root.variants.aggregate(price_min=Min("price"), price_max=Max("price"))
            root.price_min, root.price_max = prices["price_min"], prices["price_max"]
        if root.price_min is None:
            return None
        return PriceRange(start=Money.of(root.price_min), stop=Money.of(root.price_max))

    @staticmethod
    def optimize_thumbnail(queryset, optimizer, **kwargs):
        shown = ProductMedia.objects.exclude(review=MediaReview.PENDING_ADD).order_by(
            "position", "pk")
        return queryset.prefetch_related(Prefetch("media", queryset=shown,
                                                  to_attr="shown_media"))

    @staticmethod
    def resolve_thumbnail(root: Product, info, size=256, format="webp"):
        if not hasattr(root, "shown_media"):  # not loaded through the optimizer (a payload)
            root.shown_media = list(shown_media(root).order_by("position", "pk"))
        if not root.shown_media:
            return None
        return info.context.build_absolute_uri(
            thumbnail_url(root.shown_media[0], size, enum_value(format)))

    @staticmethod
    def resolve_moderation_history(root: Product, info):
        return moderation_history(root, info, root.seller)

    @staticmethod
    def resolve_pending_revision(root: Product, info):
        if not can_act_for_seller(info.context.user, root.seller):
            return None
        revision = getattr(root, "revision", None) if hasattr(root, "revision") else None
        new_media = list(root.media.filter(review=MediaReview.PENDING_ADD))
        removed = list(root.media.filter(review=MediaReview.PENDING_REMOVE))
        if revision is None and not new_media and not removed:
            return None
        return ProductRevisionType(
            name=revision.name if revision else root.name,
            description=revision.description if revision else root.description,
            category=revision.category if revision else root.category,
            status=revision.status if revision else "draft",
            rejection_reason=revision.rejection_reason if revision else "",
            new_media=new_media, removed_media=removed)

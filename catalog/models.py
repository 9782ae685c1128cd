from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager

from backend.addresses import IndonesianAddress
from backend.cooperatives.models import Cooperative, TenantModel, TenantQuerySet


# -- sellers -----------------------------------------------------------------------------------
class SellerStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class FoodPermitKind(models.TextChoices):
    NONE = "", _("None")
    PIRT = "pirt", _("P-IRT")
    BPOM_MD = "bpom_md", _("BPOM MD")


class Seller(TenantModel, IndonesianAddress):
    """A small business (UMKM) selling through the cooperative, or the cooperative itself."""

    business_name = models.CharField(_("business name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="sellers", null=True, blank=True)
    owner_name = models.CharField(_("owner name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    story = models.TextField(_("story"), blank=True)
    nib = models.CharField(_("business ID number (NIB)"), max_length=20, blank=True)
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    bank_account_number = models.CharField(_("bank account number"), max_length=30, blank=True)
    bank_account_holder = models.CharField(_("account holder"), max_length=150, blank=True)
    member_number = models.CharField(_("member number"), max_length=40, blank=True)
    halal_certificate_number = models.CharField(_("halal certificate number"), max_length=60,
                                                blank=True)
    halal_certificate_expires = models.DateField(_("halal certificate expires"), null=True,
                                                 blank=True)
    food_permit_kind = models.CharField(_("food permit"), max_length=10, blank=True,
                                        choices=FoodPermitKind.choices)
    food_permit_number = models.CharField(_("food permit number"), max_length=60, blank=True)
    food_permit_expires = models.DateField(_("food permit expires"), null=True, blank=True)
    is_cooperative_itself = models.BooleanField(_("the cooperative's own goods"), default=False)
    commission_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True,
                                             blank=True)
    status = models.CharField(max_length=10, choices=SellerStatus.choices,
                              default=SellerStatus.PENDING)
    status_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["business_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "slug"], name="seller_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.business_name


# -- categories and product types ---------------------------------------------------------------
class CategoryManager(MP_NodeManager):
    def of(self, cooperative: Cooperative):
        return self.filter(cooperative=cooperative)


class Category(MP_Node):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    node_order_by = ["name"]
    objects = CategoryManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "slug"], name="category_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class AttributeKind(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")


class ProductType(TenantModel):
    """A kind of product and the attributes its products and variants describe themselves by,
    for example keripik: net weight (g), flavour; batik: size."""

    name = models.CharField(_("name"), max_length=100)
    # [{"slug": "rasa", "name": "Rasa", "kind": "text", "variant": true}, ...]
    attributes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "name"], name="product_type_unique"),
        ]

    def __str__(self) -> str:
        return self.name


# -- products ---------------------------------------------------------------------------------
class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class ProductQuerySet(TenantQuerySet):
    def visible_to_shoppers(self):
        """Published products of approved sellers, not hidden for an expired permit."""
        return self.filter(status=ProductStatus.PUBLISHED, seller__status=SellerStatus.APPROVED,
                           hidden_for_permit=False)


class Product(TenantModel):
    """A product as shoppers see it. Content fields (name, description, category, photos)
    hold the approved version; a seller's change to a published product waits in a
    ProductRevision until a manager approves it."""

    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="products")
    product_type = models.ForeignKey(ProductType, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="products")
    category = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="products")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    description = models.TextField(_("description"), blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=ProductStatus.choices,
                              default=ProductStatus.DRAFT)
    rejection_reason = models.TextField(blank=True)
    is_halal = models.BooleanField(_("halal"), default=False)
    is_food = models.BooleanField(_("food or drink (needs a food permit)"), default=False)
    tracks_expiry = models.BooleanField(_("has an expiry date"), default=False)
    shelf_life_days = models.PositiveIntegerField(null=True, blank=True)
    hidden_for_permit = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Kept by catalog.search (PostgreSQL backend): name and SKUs weight A; category, seller
    # and attributes B; description C. `suggest_vector` holds the name's plain words, for
    # prefix matching in suggestions.
    search_vector = SearchVectorField(null=True, editable=False)
    suggest_vector = SearchVectorField(null=True, editable=False)
    # The variants' prices, beside the vector: price facets count without reading variants.
    search_prices = ArrayField(models.BigIntegerField(), null=True, editable=False)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "slug"], name="product_slug_unique"),
        ]
        indexes = [models.Index(fields=["cooperative", "status", "-created_at"]),
                   models.Index(fields=["cooperative", "name"]),
                   GinIndex(fields=["search_vector"], name="product_search_vector"),
                   GinIndex(fields=["suggest_vector"], name="product_suggest_vector")]

    def __str__(self) -> str:
        return self.name


class ProductVariant(TenantModel):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("SKU"), max_length=64)
    barcode = models.CharField(_("barcode"), max_length=32, blank=True)
    name = models.CharField(_("name"), max_length=120, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    price = models.BigIntegerField(_("price (Rp)"))
    compare_at_price = models.BigIntegerField(_("compare-at price (Rp)"), null=True, blank=True)
    weight_grams = models.PositiveIntegerField(_("weight (g)"), default=0)
    length_cm = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    width_cm = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "sku"], name="variant_sku_unique"),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="variant_price_gte_0"),
        ]
        indexes = [models.Index(fields=["cooperative", "barcode"],
                                name="variant_barcode_idx")]  # the till's scanner

    def __str__(self) -> str:
        return f"{self.product.name} {self.name}".strip()


class MediaReview(models.TextChoices):
    LIVE = "live", _("Shown")
    PENDING_ADD = "pending_add", _("New, waiting for review")
    PENDING_REMOVE = "pending_remove", _("Removal waiting for review")


class ProductMedia(TenantModel):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="media")
    image = models.ImageField(upload_to="products/%Y/%m/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("alt text"), max_length=250, blank=True)
    position = models.PositiveIntegerField(default=0)
    review = models.CharField(max_length=15, choices=MediaReview.choices,
                              default=MediaReview.LIVE)
    # {"256": {"webp": "path", "jpeg": "path"}, ...}, filled by a Celery task.
    thumbnails = models.JSONField(default=dict, blank=True)
    # sha256 of the uploaded bytes: an import matches photos by content, not by file name.
    content_sha256 = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["product", "content_sha256"])]


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", _("Being edited")
    IN_REVIEW = "in_review", _("In review")
    REJECTED = "rejected", _("Rejected")


class ProductRevision(TenantModel):
    """A seller's pending change to a published product's content."""

    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="revision")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    status = models.CharField(max_length=10, choices=RevisionStatus.choices,
                              default=RevisionStatus.DRAFT)
    rejection_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class ModerationAction(models.TextChoices):
    SELLER_REGISTERED = "seller_registered", _("Seller registered")
    SELLER_APPROVED = "seller_approved", _("Seller approved")
    SELLER_REJECTED = "seller_rejected", _("Seller rejected")
    SELLER_SUSPENDED = "seller_suspended", _("Seller suspended")
    SELLER_PERMIT_CHANGED = "seller_permit_changed", _("Seller changed a permit")
    SELLER_PERMIT_CONFIRMED = "seller_permit_confirmed", _("Manager confirmed the permits")
    PRODUCT_SUBMITTED = "product_submitted", _("Product submitted for review")
    PRODUCT_APPROVED = "product_approved", _("Product approved")
    PRODUCT_REJECTED = "product_rejected", _("Product rejected")
    PRODUCT_HIDDEN = "product_hidden", _("Product hidden: permit expired")


class ModerationEvent(TenantModel):
    """Who did which moderation step, when, and on what."""

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="moderation_events")
    # Kept when the product is deleted: the history of who did what stays.
    product = models.ForeignKey(Product, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="moderation_events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    action = models.CharField(max_length=30, choices=ModerationAction.choices)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class PermitNotice(TenantModel):
    """A warning sent about a permit's expiry; one per permit and expiry date."""

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="permit_notices")
    permit = models.CharField(max_length=10)  # "halal" or "food"
    expires = models.DateField()
    expired = models.BooleanField(default=False)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["seller", "permit", "expires", "expired"],
                                    name="one_notice_per_permit_expiry"),
        ]


# -- search ----------------------------------------------------------------------------------
class SearchSynonym(TenantModel):
    """Words shoppers use for the same thing in one cooperative: kerupuk, krupuk; hp,
    handphone. A search for any of them finds all."""

    terms = ArrayField(models.CharField(max_length=60), verbose_name=_("words"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]


class SearchWord(TenantModel):
    """A word of the cooperative's catalog, for typo tolerance (pg_trgm similarity)."""

    word = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "word"], name="search_word_unique"),
        ]
        indexes = [GinIndex(fields=["word"], name="search_word_trgm",
                            opclasses=["gin_trgm_ops"])]

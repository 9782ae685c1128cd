"""Reads of the catalog, each scoped to what the viewer may see."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, IntegerField, Min, OuterRef, Q, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import StaffMembership
from backend.accounts.permissions import Permission
from backend.accounts.selectors import has_permission, roles_with, rows_with_permission
from inventory.selectors import products_in_stock

from .models import Category, Product, ProductStatus, ProductVariant, Seller, SellerStatus


def halal_now() -> Q:
    """Marked halal by a seller whose certificate is still valid today."""
    return Q(is_halal=True) & ~Q(seller__halal_certificate_number="") & (
        Q(seller__halal_certificate_expires__isnull=True)
        | Q(seller__halal_certificate_expires__gte=timezone.localdate()))


SHOPPER_VISIBLE = Q(status=ProductStatus.PUBLISHED, seller__status=SellerStatus.APPROVED,
                    hidden_for_permit=False)


def _moderated_cooperatives(user):
    return StaffMembership.objects.filter(
        user=user, role__in=roles_with(Permission.MANAGE_CATALOG)).values("cooperative_id")


def products_visible_to(user, queryset=None):
    """Shoppers see published products of approved sellers; a seller also sees its own;
    catalog staff see every product of their cooperative."""
    queryset = Product.objects.all() if queryset is None else queryset
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset
    condition = SHOPPER_VISIBLE
    if getattr(user, "is_authenticated", False):
        condition = condition | Q(seller__owner=user) | Q(
            cooperative_id__in=_moderated_cooperatives(user))
    return queryset.filter(condition)


def product_parts_visible_to(user, queryset):
    """Variants or photos (any review state) of the products the user may see, and all of
    those of the cooperatives where the user is staff (stock, suppliers, prices name them)."""
    visible = Q(product__in=products_visible_to(user))
    if getattr(user, "is_authenticated", False):
        visible |= Q(cooperative_id__in=StaffMembership.objects.filter(user=user).values(
            "cooperative_id"))
    return queryset.filter(visible)


def product_list(cooperative, user, *, statuses=None, seller=None, category=None,
                 price_min=None, price_max=None, halal=None, in_stock=None):
    """Products for a listing; without `statuses`, what shoppers see."""
    queryset = Product.objects.of(cooperative)
    if statuses:
        queryset = products_visible_to(user, queryset).filter(status__in=statuses)
    else:
        queryset = queryset.filter(SHOPPER_VISIBLE)
    if seller is not None:
        queryset = queryset.filter(seller=seller)
    if category is not None:
        subtree = Category.objects.get_tree(category).values("pk")
        queryset = queryset.filter(category__in=subtree)
    if halal is not None:
        queryset = queryset.filter(halal_now()) if halal else queryset.exclude(halal_now())
    if price_min is not None or price_max is not None:
        # One variant must be within the whole range, not one above min and another below max.
        prices = ProductVariant.objects.filter(product=OuterRef("pk"))
        if price_min is not None:
            prices = prices.filter(price__gte=price_min)
        if price_max is not None:
            prices = prices.filter(price__lte=price_max)
        queryset = queryset.filter(Exists(prices))
    if in_stock is not None:
        stocked = products_in_stock(cooperative.pk)
        queryset = queryset.filter(pk__in=stocked) if in_stock else queryset.exclude(
            pk__in=stocked)
    return queryset


def sellers_acted_for(user, queryset=None):
    """The sellers the user may act for, as `services.common.can_act_for_seller` decides one
    by one: its owner, or staff who manage the catalog of its cooperative (the operator: all)."""
    queryset = Seller.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(Q(owner=user) | Q(pk__in=rows_with_permission(
        user, Seller.objects.all(), Permission.MANAGE_CATALOG).values("pk")))


def sellers_visible_to(user, queryset=None):
    """Approved sellers for everyone; all sellers for their managers; your own shop."""
    queryset = Seller.objects.all() if queryset is None else queryset
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset
    condition = Q(status=SellerStatus.APPROVED)
    if getattr(user, "is_authenticated", False):
        managed = StaffMembership.objects.filter(
            user=user, role__in=roles_with(Permission.MANAGE_SELLERS)).values("cooperative_id")
        condition = condition | Q(owner=user) | Q(cooperative_id__in=managed)
    return queryset.filter(condition)


def can_see_seller_private_data(user, seller: Seller) -> bool:
    """Contact, bank and business numbers: the seller and its cooperative's managers only."""
    if getattr(user, "is_authenticated", False) and seller.owner_id == user.pk:
        return True
    return has_permission(user, seller.cooperative, Permission.MANAGE_SELLERS)


PERMIT_WARNING_DAYS = 30
PERMIT_FIELDS = {"halal": "halal_certificate_expires", "food": "food_permit_expires"}


@dataclass(frozen=True)
class PermitWarning:
    permit: str  # a key of PERMIT_FIELDS
    expires: datetime.date
    days_left: int  # negative once expired

    @property
    def expired(self) -> bool:
        return self.days_left < 0

    @property
    def message(self) -> str:
        label = _("Halal certificate") if self.permit == "halal" else _("Food permit")
        if self.expired:
            return _("%(permit)s expired on %(date)s: food products are hidden until you "
                     "renew it.") % {"permit": label, "date": self.expires}
        return _("%(permit)s expires in %(days)s days (%(date)s): renew it in time.") % {
            "permit": label, "days": self.days_left, "date": self.expires}


def seller_permit_warnings(seller: Seller, today: datetime.date | None = None
                           ) -> list[PermitWarning]:
    """Permits expired or running out within the warning window: the seller portal, the
    API's `Seller.permitWarnings` and the daily check's e-mails use the same window."""
    today = today or timezone.localdate()
    warnings = []
    for permit, field in PERMIT_FIELDS.items():
        expires = getattr(seller, field)
        if expires is not None and (expires - today).days <= PERMIT_WARNING_DAYS:
            warnings.append(PermitWarning(permit, expires, (expires - today).days))
    return warnings


def category_subtree_ids(category: Category) -> set[int]:
    """The category and everything under it."""
    return set(Category.objects.get_tree(category).values_list("pk", flat=True))


PRODUCT_ORDERINGS = {"name": ("name", "pk"), "price": ("price_from", "pk"),
                     "newest": ("-created_at", "-pk"), "relevance": ("-search_rank", "pk"),
                     "best_selling": ("-units_sold", "pk")}


def units_sold_of_products():
    """An expression for a Product queryset: units on orders that were not cancelled."""
    # orders is a floor above catalog: the best-selling sort reads its lines here until the
    # sold count is a hook orders registers (named in the issue note).
    from orders.models import OrderLine, OrderStatus

    sold = OrderLine.objects.filter(variant__product=OuterRef("pk")).exclude(
        order__status=OrderStatus.CANCELLED).values("variant__product").annotate(
        total=Sum("quantity")).values("total")
    return Coalesce(Subquery(sold), 0)


def products_in_order(queryset, ids: list[int]):
    """Only these products, in this order (a search engine's answer), as the catalog still
    shows them: whatever changed since they were indexed is filtered again here."""
    if not ids:
        return queryset.none()
    return queryset.filter(pk__in=ids).order_by(RawSQL(
        "array_position(%s::bigint[], catalog_product.id)", (ids,),
        output_field=IntegerField()))


def product_search_and_sort(queryset, *, sort: str = "name", descending: bool = False):
    """An ordering of products: by name, price, newest, best-selling or (after a search)
    relevance."""
    ordering = PRODUCT_ORDERINGS[sort]
    if sort == "price":
        queryset = queryset.annotate(price_from=Min("variants__price"))
    if sort == "best_selling":
        queryset = queryset.annotate(units_sold=units_sold_of_products())
    if descending:
        ordering = tuple(o[1:] if o.startswith("-") else f"-{o}" for o in ordering)
    return queryset.order_by(*ordering)


def seller_cooperative_of(user):
    """The cooperative of the person's first UMKM shop there, or None."""
    seller = (Seller.objects.filter(owner=user, cooperative__is_active=True)
              .select_related("cooperative").order_by("pk").first())
    return seller.cooperative if seller is not None else None

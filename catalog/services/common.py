from django.db.models import Model
from django.utils.text import slugify

from backend.accounts.permissions import Permission
from backend.accounts.selectors import has_permission

from ..models import ModerationEvent, Seller


def unique_slug(model: type[Model], cooperative, text: str, *, exclude_pk=None,
                max_length: int = 80) -> str:
    """A slug from `text`, unique in the cooperative: keripik-pedas, keripik-pedas-2, ..."""
    base = slugify(text)[: max_length - 6] or "item"
    taken = set(model.objects.filter(cooperative=cooperative, slug__startswith=base)
                .exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def is_moderator(user, cooperative) -> bool:
    return has_permission(user, cooperative, Permission.MANAGE_CATALOG)


def can_act_for_seller(user, seller: Seller) -> bool:
    """The seller's owner, or staff who manage the catalog of its cooperative."""
    if getattr(user, "is_authenticated", False) and seller.owner_id == user.pk:
        return True
    return is_moderator(user, seller.cooperative)


def record(cooperative, action: str, actor=None, *, seller=None, product=None, reason="",
           changes=None) -> ModerationEvent:
    return ModerationEvent.objects.create(
        cooperative=cooperative, action=action, actor=actor if getattr(
            actor, "is_authenticated", False) else None,
        seller=seller, product=product, reason=reason, changes=changes or {})

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode

from .. import search
from ..models import Category
from .common import unique_slug


def _clean_name(name) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": ValidationError(_("Enter a name."),
                                                       code=CommonErrorCode.REQUIRED)})
    return name


def _check_parent(cooperative, parent: Category | None) -> None:
    if parent is not None and parent.cooperative_id != cooperative.pk:
        raise ValidationError({"parent": ValidationError(_("No such category."),
                                                         code=CommonErrorCode.NOT_FOUND)})


@transaction.atomic
def category_create(cooperative, *, name: str, parent: Category | None = None,
                    description: str = "") -> Category:
    name = _clean_name(name)
    _check_parent(cooperative, parent)
    fields = {"cooperative": cooperative, "name": name, "description": description.strip(),
              "slug": unique_slug(Category, cooperative, name, max_length=120)}
    if parent is None:
        return Category.objects.add_root(create_kwargs=fields)
    return Category.objects.add_child(parent, create_kwargs=fields)


@transaction.atomic
def category_update(category: Category, *, name: str | None = None,
                    description: str | None = None, parent: Category | None = None,
                    move: bool = False) -> Category:
    if name is not None:
        category.name = _clean_name(name)
        category.slug = unique_slug(Category, category.cooperative, category.name,
                                    exclude_pk=category.pk, max_length=120)
    if description is not None:
        category.description = description.strip()
    category.save()
    if name is not None or move:
        search.category_changed(category)
    if move:
        _check_parent(category.cooperative, parent)
        if parent is not None and (parent.pk == category.pk or parent.is_descendant_of(category)):
            raise ValidationError({"parent": ValidationError(
                _("A category cannot be moved inside itself."), code=CommonErrorCode.INVALID)})
        if parent is None:
            category.move(Category.objects.get_last_root_node(), "sorted-sibling")
        else:
            category.move(parent, "sorted-child")
        category.refresh_from_db()
    return category


@transaction.atomic
def category_delete(category: Category) -> None:
    """Products of the category and its subcategories become uncategorised."""
    search.category_changed(category)
    category.delete()

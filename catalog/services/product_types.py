from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode
from backend.validation import Problems

from ..models import AttributeKind, ProductType


@transaction.atomic
def product_type_save(cooperative, *, name: str, attributes: list,
                      instance: ProductType | None = None) -> ProductType:
    problems = Problems()
    name = (name or "").strip()
    if not name:
        problems.add("name", _("Enter a name."), CommonErrorCode.REQUIRED)
    elif ProductType.objects.filter(cooperative=cooperative, name__iexact=name).exclude(
            pk=getattr(instance, "pk", None)).exists():
        problems.add("name", _("A product type with this name exists."), CommonErrorCode.UNIQUE)
    cleaned, seen = [], set()
    for spec in attributes if isinstance(attributes, list) else [None]:
        if not isinstance(spec, dict) or not str(spec.get("name", "")).strip():
            problems.add("attributes", _("Each attribute needs a name."), CommonErrorCode.INVALID)
            continue
        slug = slugify(spec.get("slug") or spec["name"])
        kind = spec.get("kind", AttributeKind.TEXT)
        if kind not in AttributeKind.values or slug in seen:
            problems.add("attributes", _("Attribute %(name)s is invalid or repeated.")
                         % {"name": spec["name"]}, CommonErrorCode.INVALID)
            continue
        seen.add(slug)
        cleaned.append({"slug": slug, "name": str(spec["name"]).strip(), "kind": kind,
                        "variant": bool(spec.get("variant"))})
    problems.raise_if_any()
    if instance is None:
        return ProductType.objects.create(cooperative=cooperative, name=name, attributes=cleaned)
    instance.name, instance.attributes = name, cleaned
    instance.save()
    return instance

"""Bulk import and export of a catalog. An import is checked row by row first; it is
applied, in one transaction, only when no row has a problem."""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode, FileErrorCode
from backend.money import parse_rupiah
from backend.row_errors import RowError
from backend.uploads import PHOTO_MAX_BYTES
from catalog.error_codes import CatalogErrorCode

from .. import search
from ..images import clean_image
from ..models import Category, MediaReview, Product, ProductMedia, ProductVariant, Seller
from ..spreadsheets import read_rows, write_csv, write_xlsx
from .media import MAX_PHOTOS, content_digest, product_media_create
from .products import product_create, product_update, variant_create, variant_update

YES = {"ya", "y", "yes", "true", "1", "halal"}
MAX_ZIP_BYTES = 200 * 1024 * 1024
PROGRESS_EVERY = 100


@dataclass
class RowReport:
    row: int
    sku: str
    action: str = ""  # create, add_variant, update, unchanged
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowReport]
    applied: bool

    @property
    def errors(self) -> list[RowReport]:
        return [r for r in self.rows if r.errors]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action and not r.errors)


class _Rollback(Exception):
    pass


def _rupiah(text: str, column: str) -> int | None:
    if not text:
        return None
    try:
        return parse_rupiah(text)
    except ValueError:
        raise ValidationError({column: ValidationError(
            _("%(value)s is not an amount in rupiah.") % {"value": text},
            code=CommonErrorCode.INVALID)}) from None


def _int(text: str, column: str) -> int | None:
    if not text:
        return None
    try:
        return int(float(text.replace(",", ".")))
    except ValueError:
        raise ValidationError({column: ValidationError(
            _("%(value)s is not a number.") % {"value": text},
            code=CommonErrorCode.INVALID)}) from None


def _category(cooperative, text: str) -> Category | None:
    if not text:
        return None
    name = text.split(">")[-1].strip()
    category = Category.objects.of(cooperative).filter(name__iexact=name).first()
    if category is None:
        raise ValidationError({"category": ValidationError(
            _("No category named %(name)s.") % {"name": name}, code=CommonErrorCode.NOT_FOUND)})
    return category


def _seller(cooperative, text: str, default: Seller | None) -> Seller:
    if not text:
        if default is None:
            raise ValidationError({"seller": ValidationError(
                _("Name the seller of this product."), code=CommonErrorCode.REQUIRED)})
        return default
    found = Seller.objects.of(cooperative).filter(business_name__iexact=text).first() or \
        Seller.objects.of(cooperative).filter(slug=text).first()
    if found is None or (default is not None and found.pk != default.pk):
        raise ValidationError({"seller": ValidationError(
            _("No seller named %(name)s here.") % {"name": text}, code=CommonErrorCode.NOT_FOUND)})
    return found


def _bad_zip() -> ValidationError:
    return ValidationError({"photos": ValidationError(
        _("The photos file is not a readable ZIP."), code=FileErrorCode.INVALID_FILE)})


def _photos(archive: zipfile.ZipFile | None, text: str) -> list[tuple[str, bytes]]:
    names = list(dict.fromkeys(n.strip() for n in re.split(r"[;|]", text) if n.strip()))
    if not names:
        return []
    if archive is None:
        raise ValidationError({"photos": ValidationError(
            _("Upload the ZIP of photos named in this row."), code=CommonErrorCode.REQUIRED)})
    if len(names) > MAX_PHOTOS:
        raise ValidationError({"photos": ValidationError(
            _("A product has at most 10 photos."), code=CatalogErrorCode.TOO_MANY_PHOTOS)})
    by_base = {i.filename.rsplit("/", 1)[-1].lower(): i for i in archive.infolist()}
    photos = []
    for name in names:
        entry = by_base.get(name.lower())
        if entry is None:
            raise ValidationError({"photos": ValidationError(
                _("%(name)s is not in the ZIP.") % {"name": name}, code=CommonErrorCode.NOT_FOUND)})
        try:
            with archive.open(entry) as handle:
                content = handle.read(PHOTO_MAX_BYTES + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
            raise _bad_zip() from None
        if len(content) > PHOTO_MAX_BYTES:
            raise ValidationError({"photos": ValidationError(
                _("%(name)s is larger than 10 MB.") % {"name": name},
                code=FileErrorCode.FILE_TOO_LARGE)})
        photos.append((name, content))
    return photos


def _open_zip(content: bytes | None) -> zipfile.ZipFile | None:
    if not content:
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
        raise _bad_zip() from None
    if sum(i.file_size for i in entries) > MAX_ZIP_BYTES:
        raise ValidationError({"photos": ValidationError(
            _("The photos in the ZIP add up to more than 200 MB."),
            code=FileErrorCode.FILE_TOO_LARGE)})
    return archive


@dataclass
class _Lookups:
    """What one pass over a sheet looks up, read once for all its rows instead of a query per
    row: the variants of the sheet's SKUs, the sellers' products by name, the categories and
    sellers named, and the photos already found valid (by content)."""

    variants: dict = field(default_factory=dict)  # SKU -> variant (with product, seller)
    products: dict = field(default_factory=dict)  # (seller id, lower name) -> product
    created_skus: set = field(default_factory=set)
    categories: dict = field(default_factory=dict)
    sellers: dict = field(default_factory=dict)
    clean_photos: set = field(default_factory=set)

    @classmethod
    def of(cls, cooperative, rows) -> "_Lookups":
        skus = {values.get("sku", "").strip().upper() for _n, values in rows}
        names = {values.get("name", "").strip().lower() for _n, values in rows}
        lookups = cls()
        for variant in ProductVariant.objects.of(cooperative).select_related(
                "product__seller").filter(sku__in=skus).order_by("pk"):
            lookups.variants.setdefault(variant.sku, variant)
        for product in Product.objects.of(cooperative).annotate(
                lower_name=Lower(Trim("name"))).filter(lower_name__in=names).order_by("pk"):
            lookups.products.setdefault((product.seller_id, product.lower_name), product)
        return lookups

    def variant(self, cooperative, sku: str):
        if sku in self.created_skus:  # made by an earlier row of this sheet
            return ProductVariant.objects.of(cooperative).select_related(
                "product__seller").filter(sku=sku).first()
        return self.variants.get(sku)

    def remembered(self, memo: dict, key, find):
        if key not in memo:
            try:
                memo[key] = (find(), None)
            except ValidationError as error:
                memo[key] = (None, error)
        found, error = memo[key]
        if error is not None:
            raise error
        return found


def _import_row(cooperative, actor, default_seller, archive, values: dict, report: RowReport,
                lookups: _Lookups, *, with_photos: bool) -> None:
    seller = lookups.remembered(lookups.sellers, values.get("seller", ""), lambda: _seller(
        cooperative, values.get("seller", ""), default_seller))
    product_data = {"name": values["name"], "is_halal": values.get("halal", "").lower() in YES,
                    "is_food": values.get("food", "").lower() in YES}
    if values.get("description"):
        product_data["description"] = values["description"]
    if values.get("category"):
        product_data["category"] = lookups.remembered(
            lookups.categories, values["category"], lambda: _category(cooperative,
                                                                      values["category"]))
    variant_data = {"sku": values["sku"], "price": _rupiah(values["price"], "price"),
                    "name": values.get("variant", "")}
    for column, parse in (("compare_at_price", _rupiah), ("weight_grams", _int)):
        if values.get(column):
            variant_data[column] = parse(values[column], column)
    if values.get("barcode"):
        variant_data["barcode"] = values["barcode"]
    photos = _photos(archive, values.get("photos", ""))
    if not with_photos:
        for name, content in photos:
            digest = content_digest(content)
            if digest in lookups.clean_photos:
                continue  # the same photo named again: checked once
            try:
                clean_image(SimpleUploadedFile(name, content))
            except ValidationError as error:
                raise ValidationError({"photos": ValidationError(
                    f"{name}: {' '.join(error.messages)}",
                    code=FileErrorCode.INVALID_IMAGE)}) from None
            lookups.clean_photos.add(digest)

    sku = variant_data["sku"].strip().upper()
    existing = lookups.variant(cooperative, sku)
    if existing is not None:
        if existing.product.seller_id != seller.pk:
            raise ValidationError({"sku": ValidationError(
                _("This SKU belongs to another seller."), code=CommonErrorCode.UNIQUE)})
        product = product_update(existing.product, actor, product_data)
        before = {f: getattr(existing, f) for f in variant_data}
        variant_update(existing, variant_data)
        existing.refresh_from_db()
        changed = any(getattr(existing, f) != before[f] for f in variant_data)
        report.action = "update" if changed or _new_photos(product, photos) else "unchanged"
    else:
        product = lookups.products.get((seller.pk, values["name"].strip().lower()))
        if product is None:
            product = product_create(seller, product_data, [variant_data])
            report.action = "create"
        else:
            variant_create(product, variant_data)
            report.action = "add_variant"
    if with_photos:
        for name, content, digest in _new_photos(product, photos):
            product_media_create(product, actor, SimpleUploadedFile(name, content),
                                 content_sha256=digest)
    # Remembered only once the whole row went in (a refused row's savepoint is rolled back).
    if existing is None:
        lookups.created_skus.add(sku)
    lookups.products[(seller.pk, product.name.strip().lower())] = product


def _new_photos(product: Product, photos: list[tuple[str, bytes]]
                ) -> list[tuple[str, bytes, str]]:
    """The row's photos the product does not show yet, matched by content: a re-import of the
    same file (or of an export, which names every photo on each variant's row) adds none."""
    if not photos:
        return []
    known = set(ProductMedia.objects.filter(product=product).exclude(
        review=MediaReview.PENDING_REMOVE).values_list("content_sha256", flat=True))
    new = []
    for name, content in photos:
        digest = content_digest(content)
        if digest not in known:
            known.add(digest)
            new.append((name, content, digest))
    return new


def product_import(cooperative, actor, *, content: bytes, filename: str,
                   photos_zip: bytes | None = None, seller: Seller | None = None,
                   dry_run: bool = True, progress=None) -> ImportReport:
    """Check every row; apply all of them in one transaction only if none has a problem.
    `progress(done, total)`, when given, hears how many rows each pass has gone through."""
    rows = read_rows(content, filename)
    archive = _open_zip(photos_zip)
    reports = [RowReport(row=number, sku=values.get("sku", "")) for number, values in rows]

    def run(with_photos: bool) -> None:
        lookups = _Lookups.of(cooperative, rows)
        for count, ((_number, values), report) in enumerate(zip(rows, reports, strict=True),
                                                            1):
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count, len(rows))
            try:
                with transaction.atomic():
                    _import_row(cooperative, actor, seller, archive, values, report,
                                lookups, with_photos=with_photos)
            except ValidationError as error:
                report.errors = RowError.all_of(report.row, error)

    try:
        with transaction.atomic(), search.products_changed_together(keep=False):
            run(with_photos=False)
            raise _Rollback  # the checking pass never keeps anything
    except _Rollback:
        pass
    if dry_run or any(r.errors for r in reports):
        return ImportReport(reports, applied=False)
    with transaction.atomic(), search.products_changed_together():
        run(with_photos=True)
        if any(r.errors for r in reports):  # a change between the passes: keep nothing
            transaction.set_rollback(True)
            return ImportReport(reports, applied=False)
    return ImportReport(reports, applied=True)


def product_export(cooperative, *, seller: Seller | None = None, file_format: str = "csv"
                   ) -> tuple[str, str, bytes]:
    """(file name, content type, bytes) of the catalog, in the columns an import reads."""
    variants = ProductVariant.objects.of(cooperative).select_related(
        "product__seller", "product__category").prefetch_related("product__media").order_by(
        "product__seller__business_name", "product__name", "position", "pk")
    if seller is not None:
        variants = variants.filter(product__seller=seller)
    rows = [{
        "name": v.product.name, "sku": v.sku, "price": v.price, "variant": v.name,
        "category": v.product.category.name if v.product.category else "",
        "description": v.product.description, "compare_at_price": v.compare_at_price or "",
        "weight_grams": v.weight_grams, "barcode": v.barcode,
        "halal": "ya" if v.product.is_halal else "tidak",
        "food": "ya" if v.product.is_food else "tidak",
        "photos": ";".join(m.image.name.rsplit("/", 1)[-1] for m in v.product.media.all()),
        "seller": v.product.seller.business_name,
    } for v in variants]
    base = f"produk-{cooperative.slug}" + (f"-{seller.slug}" if seller else "")
    if file_format == "xlsx":
        return (f"{base}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                write_xlsx(rows))
    return f"{base}.csv", "text/csv", write_csv(rows)

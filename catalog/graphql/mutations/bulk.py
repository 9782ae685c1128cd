import base64

import graphene
from graphql_relay import to_global_id

from backend.graphql.core.errors import PermissionDenied
from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import authenticated_user
from backend.graphql.core.upload import Upload
from backend.jobs.graphql import JobType, job_pk
from backend.uploads import ARCHIVE_MAX_BYTES, SPREADSHEET_MAX_BYTES, read_upload

from ...models import Seller
from ...services.bulk import product_export, product_import
from ...services.bulk_approval import product_bulk_approve
from ...services.common import can_act_for_seller, is_moderator
from ...services.import_jobs import product_import_apply, product_import_start
from ..types import CatalogError, SellerNode

ExportFormat = graphene.Enum("ProductExportFormat", [("CSV", "csv"), ("XLSX", "xlsx")])


class ImportRow(graphene.ObjectType):
    row = graphene.Int(required=True, description="The row number in the sheet.")
    sku = graphene.String(required=True)
    action = graphene.String(required=True,
                             description="create, add_variant, update or unchanged.")
    errors = graphene.List(graphene.NonNull(graphene.String), required=True)


class _CatalogFileMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def seller_for(cls, info, seller_id) -> Seller | None:
        return node_for(info, seller_id, SellerNode, field="seller") if seller_id else None

    @classmethod
    def check_permissions(cls, info, **data):
        """A seller for its own shop; catalog staff for any shop of their cooperative."""
        user = authenticated_user(info)
        seller = cls.seller_for(info, data.get("seller"))
        if seller is not None:
            if not can_act_for_seller(user, seller):
                raise PermissionDenied()
        elif not is_moderator(user, cls.get_cooperative(info, **data)):
            raise PermissionDenied()

    @classmethod
    def get_cooperative(cls, info, **data):
        seller = cls.seller_for(info, data.get("seller"))
        return seller.cooperative if seller else super().get_cooperative(info, **data)

class ProductImport(_CatalogFileMutation):
    applied = graphene.Boolean(description="False for a dry run, or when any row has a "
                                           "problem: then nothing changed.")
    created = graphene.Int()
    updated = graphene.Int()
    unchanged = graphene.Int()
    rows = graphene.List(graphene.NonNull(ImportRow))

    class Arguments:
        cooperative = graphene.String()
        seller = graphene.ID(description="Import for this seller; catalog staff may leave it "
                                         "out and name sellers in a `seller` column.")
        file = Upload(required=True, description=".csv or .xlsx; Indonesian headers welcome.")
        photos = Upload(description="A ZIP of the photos named in the `foto` column.")
        dry_run = graphene.Boolean(required=True, default_value=True)

    class Meta:
        description = "Create and update products from a spreadsheet: all rows or none."
        error_type = CatalogError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, file, cooperative=None, seller=None, photos=None,
                         dry_run=True):
        report = product_import(
            cls.get_cooperative(info, cooperative=cooperative, seller=seller),
            info.context.user, content=read_upload(file, "file", SPREADSHEET_MAX_BYTES),
            filename=file.name,
            photos_zip=read_upload(photos, "photos", ARCHIVE_MAX_BYTES) if photos else None,
            seller=cls.seller_for(info, seller), dry_run=dry_run)
        return cls(
            applied=report.applied, errors=[],
            created=report.count("create") + report.count("add_variant"),
            updated=report.count("update"), unchanged=report.count("unchanged"),
            rows=[ImportRow(row=r.row, sku=r.sku, action=r.action,
                            errors=[str(e) for e in r.errors]) for r in report.rows])


class ProductImportStart(_CatalogFileMutation):
    job = graphene.Field(JobType, description="Poll job(id:) until its state is DONE; its "
                                              "result is the report by row, its errors the "
                                              "rows' problems.")

    class Arguments:
        cooperative = graphene.String()
        seller = graphene.ID(description="Import for this seller; catalog staff may leave it "
                                         "out and name sellers in a `seller` column.")
        file = Upload(description=".csv or .xlsx; Indonesian headers welcome: checked, "
                                  "nothing changes.")
        photos = Upload(description="A ZIP of the photos named in the `foto` column.")
        checked_job = graphene.ID(description="Apply the files of this finished check (one "
                                              "without row problems) instead.")

    class Meta:
        description = ("Create and update products from a spreadsheet in a worker: first "
                       "start a check with `file`, then apply it (all rows or none) with "
                       "`checkedJob`.")
        error_type = CatalogError
        login_required = True

    @classmethod
    def check_permissions(cls, info, **data):
        if data.get("file") is not None or not data.get("checked_job"):
            super().check_permissions(info, **data)
        # Applying a check: the service asks whether the person may import for its seller.

    @classmethod
    def perform_mutation(cls, root, info, cooperative=None, seller=None, file=None,
                         photos=None, checked_job=None):
        coop = cls.get_cooperative(info, cooperative=cooperative, seller=seller)
        if file is not None:
            job = product_import_start(
                coop, info.context.user,
                content=read_upload(file, "file", SPREADSHEET_MAX_BYTES), filename=file.name,
                photos_zip=read_upload(photos, "photos", ARCHIVE_MAX_BYTES) if photos else None,
                seller=cls.seller_for(info, seller))
        else:
            job = product_import_apply(coop, info.context.user, job_pk(checked_job))
        return cls(job=JobType.of(job), errors=[])


class ProductExport(_CatalogFileMutation):
    filename = graphene.String()
    content_type = graphene.String()
    content = graphene.String(description="The file, base64-encoded.")

    class Arguments:
        cooperative = graphene.String()
        seller = graphene.ID()
        format = ExportFormat(required=True, default_value="csv")

    class Meta:
        description = "The catalog as a spreadsheet in the columns productImport reads."
        error_type = CatalogError
        login_required = True

    @classmethod
    def perform_mutation(cls, root, info, cooperative=None, seller=None, format="csv"):
        filename, content_type, content = product_export(
            cls.get_cooperative(info, cooperative=cooperative, seller=seller),
            seller=cls.seller_for(info, seller), file_format=enum_value(format))
        return cls(filename=filename, content_type=content_type,
                   content=base64.b64encode(content).decode(), errors=[])




class ProductBulkApprove(_CatalogFileMutation):
    count = graphene.Int(description="How many products were published.")
    products = graphene.List(graphene.NonNull(graphene.ID),
                             description="The IDs of the products published.")

    class Arguments:
        cooperative = graphene.String()
        seller = graphene.ID(description="Publish this seller's drafts and products in review.")
        import_job = graphene.ID(description="Publish the drafts an applied productImportStart "
                                             "job created or updated.")

    class Meta:
        description = ("Publish many products at once (catalog staff): a seller's, or an "
                       "import's, drafts and products in their first review.")
        error_type = CatalogError
        login_required = True

    @classmethod
    def check_permissions(cls, info, **data):
        if not is_moderator(authenticated_user(info), cls.get_cooperative(info, **data)):
            raise PermissionDenied()

    @classmethod
    def perform_mutation(cls, root, info, cooperative=None, seller=None, import_job=None):
        ids = product_bulk_approve(
            cls.get_cooperative(info, cooperative=cooperative, seller=seller),
            info.context.user, seller=cls.seller_for(info, seller),
            import_job_id=job_pk(import_job) if import_job else None)
        return cls(count=len(ids), products=[to_global_id("Product", pk) for pk in ids],
                   errors=[])

"""The catalog domain's part of the root schema: its queries and mutations, assembled."""

import graphene

from .mutations.bulk import ProductBulkApprove, ProductExport, ProductImport, ProductImportStart
from .mutations.categories import (
    CategoryCreate,
    CategoryDelete,
    CategoryUpdate,
    ProductTypeCreate,
    ProductTypeSave,
    ProductTypeUpdate,
)
from .mutations.media import (
    ProductMediaCreate,
    ProductMediaDelete,
    ProductMediaReorder,
    ProductMediaUpdate,
)
from .mutations.products import (
    ProductApprove,
    ProductCreate,
    ProductDelete,
    ProductReject,
    ProductSubmit,
    ProductUpdate,
    ProductVariantCreate,
    ProductVariantDelete,
    ProductVariantUpdate,
)
from .mutations.search import SearchSynonymCreate, SearchSynonymDelete, SearchSynonymUpdate
from .mutations.sellers import (
    SellerApprove,
    SellerPermitsConfirm,
    SellerRegister,
    SellerReject,
    SellerSuspend,
    SellerUpdate,
)
from .queries import CatalogQueries


class CatalogMutations(graphene.ObjectType):
    search_synonym_create = SearchSynonymCreate.Field()
    search_synonym_update = SearchSynonymUpdate.Field()
    search_synonym_delete = SearchSynonymDelete.Field()
    seller_register = SellerRegister.Field()
    seller_update = SellerUpdate.Field()
    seller_approve = SellerApprove.Field()
    seller_reject = SellerReject.Field()
    seller_suspend = SellerSuspend.Field()
    seller_permits_confirm = SellerPermitsConfirm.Field()
    category_create = CategoryCreate.Field()
    category_update = CategoryUpdate.Field()
    category_delete = CategoryDelete.Field()
    product_type_create = ProductTypeCreate.Field()
    product_type_update = ProductTypeUpdate.Field()
    product_type_save = ProductTypeSave.Field(
        deprecation_reason="Use productTypeCreate or productTypeUpdate.")
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_submit = ProductSubmit.Field()
    product_approve = ProductApprove.Field()
    product_reject = ProductReject.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_variant_delete = ProductVariantDelete.Field()
    product_media_create = ProductMediaCreate.Field()
    product_media_update = ProductMediaUpdate.Field()
    product_media_delete = ProductMediaDelete.Field()
    product_media_reorder = ProductMediaReorder.Field()
    product_import = ProductImport.Field(deprecation_reason=(
        "Runs in the request: use productImportStart, a job to poll with job(id:)."))
    product_import_start = ProductImportStart.Field()
    product_bulk_approve = ProductBulkApprove.Field()
    export_products = ProductExport.Field()
    product_export = ProductExport.Field(deprecation_reason="Use exportProducts.")


__all__ = ["CatalogMutations", "CatalogQueries"]

"""The suppliers domain's part of the root schema: its queries and mutations, assembled."""

import graphene

from .mutations.feeds import SupplierFeedPull, SupplierFeedSourceUpdate, SupplierFeedUpload
from .mutations.purchasing import (
    GoodsReceiptCreate,
    PurchaseOrderCancel,
    PurchaseOrderClose,
    PurchaseOrderCreate,
    PurchaseOrderSend,
    PurchaseOrderUpdate,
)
from .mutations.reorder import PurchaseOrderCreateFromSuggestions, ReorderRuleSet
from .mutations.suppliers import (
    SupplierCreate,
    SupplierItemMap,
    SupplierSettingsUpdate,
    SupplierUpdate,
    VariantSourcingSet,
)
from .queries import SupplierQueries


class SupplierMutations(graphene.ObjectType):
    supplier_create = SupplierCreate.Field()
    supplier_update = SupplierUpdate.Field()
    supplier_item_map = SupplierItemMap.Field()
    supplier_feed_upload = SupplierFeedUpload.Field()
    supplier_feed_source_update = SupplierFeedSourceUpdate.Field()
    supplier_feed_pull = SupplierFeedPull.Field()
    supplier_settings_update = SupplierSettingsUpdate.Field()
    variant_sourcing_set = VariantSourcingSet.Field()
    purchase_order_create = PurchaseOrderCreate.Field()
    purchase_order_update = PurchaseOrderUpdate.Field()
    purchase_order_send = PurchaseOrderSend.Field()
    purchase_order_cancel = PurchaseOrderCancel.Field()
    purchase_order_close = PurchaseOrderClose.Field()
    goods_receipt_create = GoodsReceiptCreate.Field()
    purchase_order_create_from_suggestions = PurchaseOrderCreateFromSuggestions.Field()
    reorder_rule_set = ReorderRuleSet.Field()


__all__ = ["SupplierMutations", "SupplierQueries"]

import graphene
from django.db.models import F, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from graphene import relay
from graphene.types.generic import GenericScalar
from query_optimizer import DjangoObjectType, ManuallyOptimizedField

from backend.accounts.permissions import Permission
from backend.error_codes import FileErrorCode
from backend.graphql.core.connections import CountableConnection
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.money import Money, money_field
from backend.graphql.core.rows import RowErrorType
from backend.graphql.core.visibility import StaffOnly
from catalog.graphql.types import ProductVariantNode

from ..error_codes import SupplierErrorCode as Codes
from ..models import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderStatus,
    Sourcing,
    Supplier,
    SupplierFeedSource,
    SupplierItem,
    SupplierSettings,
    SupplierSync,
    SyncSource,
)
from ..selectors import item_suggestions

SupplierErrorCode = error_code_enum("SupplierErrorCode", Codes, FileErrorCode)
SupplierError = error_type("SupplierError", SupplierErrorCode)
MANAGE = Permission.MANAGE_SUPPLIERS  # what every operation of the domain needs


def _enum(name, choices):
    return graphene.Enum(name, [(c.name, c.value) for c in choices])


PurchaseOrderStatusEnum = _enum("PurchaseOrderStatus", PurchaseOrderStatus)
SyncSourceEnum = _enum("SupplierSyncSource", SyncSource)
SyncStatusEnum = _enum("SupplierSyncStatus", SupplierSync.Status)
FeedFormatEnum = graphene.Enum("SupplierFeedFormat", [("CSV", "csv"), ("XLSX", "xlsx"),
                                                      ("JSON", "json")])
SourcingEnum = _enum("VariantSourcing", Sourcing)


class SupplierFeedSourceNode(DjangoObjectType):
    format = graphene.Field(FeedFormatEnum, required=True)
    column_mapping = GenericScalar(required=True)
    has_auth_header = graphene.Boolean(required=True)
    has_push_token = graphene.Boolean(required=True)

    class Meta:
        model = SupplierFeedSource
        name = "SupplierFeedSource"
        fields = ("url", "format", "every_hours", "pull_enabled", "column_mapping",
                  "last_run_at", "last_success_at", "last_error", "consecutive_failures")

    @staticmethod
    def resolve_format(root, info):
        return str(root.format)

    @staticmethod
    def resolve_has_auth_header(root, info):
        return bool(root.auth_header_encrypted)

    @staticmethod
    def resolve_has_push_token(root, info):
        return bool(root.push_token_hash)


class SupplierNode(StaffOnly, DjangoObjectType):
    minimum_order_value = money_field("minimum_order_value")
    damaged_units = ManuallyOptimizedField(graphene.Int, required=True,
                                           description="Units that arrived damaged.")
    shortfall_units = ManuallyOptimizedField(
        graphene.Int, required=True, description="Units ordered but never delivered (closed "
                                                 "orders).")

    class Meta:
        model = Supplier
        name = "Supplier"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "name", "contact_person", "phone", "email", "address",
                  "payment_terms", "lead_time_days", "minimum_order_value", "is_active",
                  "created_at", "feed_source")

    @staticmethod
    def _lines():
        return PurchaseOrderLine.objects.filter(order__supplier=OuterRef("pk")).exclude(
            order__status=PurchaseOrderStatus.CANCELLED).values("order__supplier")

    @staticmethod
    def optimize_damaged_units(queryset, optimizer, **kwargs):
        total = SupplierNode._lines().annotate(t=Sum("damaged_quantity")).values("t")
        return queryset.annotate(damaged_total=Coalesce(Subquery(total), 0))

    @staticmethod
    def optimize_shortfall_units(queryset, optimizer, **kwargs):
        total = SupplierNode._lines().filter(order__status=PurchaseOrderStatus.CLOSED).annotate(
            t=Sum(F("packs") * F("pack_size") - F("received_quantity") - F("damaged_quantity"))
        ).values("t")
        return queryset.annotate(shortfall_total=Coalesce(Subquery(total), 0))

    @staticmethod
    def resolve_damaged_units(root, info):
        if hasattr(root, "damaged_total"):
            return root.damaged_total
        from ..selectors import supplier_delivery_figures

        return supplier_delivery_figures(root)["damaged"]

    @staticmethod
    def resolve_shortfall_units(root, info):
        if hasattr(root, "shortfall_total"):
            return root.shortfall_total
        from ..selectors import supplier_delivery_figures

        return supplier_delivery_figures(root)["shortfall"]


class SupplierItemSuggestion(graphene.ObjectType):
    variant = graphene.Field(ProductVariantNode, required=True)
    reason = graphene.String(required=True, description='"barcode" or "name".')
    score = graphene.Float(required=True, description="1 for a barcode; name similarity.")


class SupplierItemNode(StaffOnly, DjangoObjectType):
    cost_per_pack = money_field("cost_per_pack")
    suggestions = graphene.List(
        graphene.NonNull(SupplierItemSuggestion), required=True,
        description="Our variants this may be (for unmapped items): barcode, then name.")

    class Meta:
        model = SupplierItem
        name = "SupplierItem"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "supplier", "supplier_sku", "name", "barcode", "variant", "pack_size",
                  "cost_per_pack", "min_order_packs", "available_quantity", "preferred",
                  "is_active", "last_synced_at")

    @staticmethod
    def resolve_suggestions(root, info):
        if root.variant_id:
            return []
        return [SupplierItemSuggestion(variant=s.variant, reason=s.reason, score=s.score)
                for s in item_suggestions(root)]


class SupplierCostChange(graphene.ObjectType):
    sku = graphene.String(required=True)
    name = graphene.String(required=True)
    before = graphene.Field(Money, required=True, description="Cost per pack.")
    after = graphene.Field(Money, required=True)
    percent = graphene.Float(description="Change of the cost per unit; null when it was 0.")

    @staticmethod
    def of(entry):
        return SupplierCostChange(sku=entry["sku"], name=entry["name"],
                                  before=Money.of(entry["before"]),
                                  after=Money.of(entry["after"]), percent=entry["percent"])


class SupplierAvailabilityChange(graphene.ObjectType):
    sku = graphene.String(required=True)
    name = graphene.String(required=True)
    before = graphene.Int()
    after = graphene.Int()


class SupplierNewItem(graphene.ObjectType):
    sku = graphene.String(required=True)
    name = graphene.String(required=True)
    cost = graphene.Field(Money, required=True)


class SupplierChangeReport(graphene.ObjectType):
    """What the feed changes (or changed). Counts are whole; lists hold the first 1,000."""

    new = graphene.Int(required=True)
    changed = graphene.Int(required=True)
    unchanged = graphene.Int(required=True)
    vanished = graphene.Int(required=True)
    flagged = graphene.Int(required=True, description="Cost changes above the cooperative's "
                                                      "threshold: check sell prices.")
    cost_up = graphene.List(graphene.NonNull(SupplierCostChange), required=True)
    cost_down = graphene.List(graphene.NonNull(SupplierCostChange), required=True)
    flagged_changes = graphene.List(graphene.NonNull(SupplierCostChange), required=True)
    availability_changes = graphene.List(graphene.NonNull(SupplierAvailabilityChange),
                                         required=True)
    new_items = graphene.List(graphene.NonNull(SupplierNewItem), required=True)
    vanished_skus = graphene.List(graphene.NonNull(graphene.String), required=True)

    @staticmethod
    def of(sync: SupplierSync):
        counts, changes = sync.counts or {}, sync.changes or {}
        return SupplierChangeReport(
            new=counts.get("new", 0), changed=counts.get("changed", 0),
            unchanged=counts.get("unchanged", 0), vanished=counts.get("vanished", 0),
            flagged=counts.get("flagged", 0),
            cost_up=[SupplierCostChange.of(e) for e in changes.get("cost_up", [])],
            cost_down=[SupplierCostChange.of(e) for e in changes.get("cost_down", [])],
            flagged_changes=[SupplierCostChange.of(e) for e in changes.get("flagged", [])],
            availability_changes=[SupplierAvailabilityChange(**e)
                                  for e in changes.get("availability", [])],
            new_items=[SupplierNewItem(sku=e["sku"], name=e["name"], cost=Money.of(e["cost"]))
                       for e in changes.get("new", [])],
            vanished_skus=[e["sku"] for e in changes.get("vanished", [])])


class SupplierSyncNode(StaffOnly, DjangoObjectType):
    source = graphene.Field(SyncSourceEnum, required=True)
    status = graphene.Field(SyncStatusEnum, required=True)
    row_errors = graphene.List(graphene.NonNull(RowErrorType), required=True,
                               description="The first 500.")
    report = graphene.Field(SupplierChangeReport, required=True)

    class Meta:
        model = SupplierSync
        name = "SupplierSync"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "supplier", "source", "status", "filename", "rows", "error_count",
                  "message", "created_at")

    @staticmethod
    def resolve_source(root, info):
        return str(root.source)

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_row_errors(root, info):
        return [RowErrorType.of(e) for e in root.errors]

    @staticmethod
    def resolve_report(root, info):
        return SupplierChangeReport.of(root)


class PurchaseOrderLineNode(StaffOnly, DjangoObjectType):
    cost_per_pack = money_field("cost_per_pack")
    total = money_field("total")
    quantity = graphene.Int(required=True, description="Units: packs x units per pack.")
    outstanding = graphene.Int(required=True, description="Units still expected.")

    class Meta:
        model = PurchaseOrderLine
        name = "PurchaseOrderLine"
        interfaces = (relay.Node,)
        fields = ("id", "variant", "supplier_item", "packs", "pack_size", "cost_per_pack",
                  "received_quantity", "damaged_quantity")


class GoodsReceiptLineNode(DjangoObjectType):
    unit_cost = money_field("unit_cost")

    class Meta:
        model = GoodsReceiptLine
        name = "GoodsReceiptLine"
        fields = ("order_line", "received_quantity", "damaged_quantity", "batch",
                  "expiry_date", "unit_cost")


class GoodsReceiptNode(DjangoObjectType):
    lines = graphene.List(graphene.NonNull(GoodsReceiptLineNode), required=True)

    class Meta:
        model = GoodsReceipt
        name = "GoodsReceipt"
        interfaces = (relay.Node,)
        fields = ("id", "order", "note", "created_at")

    @staticmethod
    def resolve_lines(root, info):
        return root.lines.all()


class PurchaseOrderNode(StaffOnly, DjangoObjectType):
    status = graphene.Field(PurchaseOrderStatusEnum, required=True)
    lines = ManuallyOptimizedField(graphene.List(graphene.NonNull(PurchaseOrderLineNode)),
                                   required=True)
    receipts = graphene.List(graphene.NonNull(GoodsReceiptNode), required=True)
    total = ManuallyOptimizedField(Money, required=True)
    damaged_units = ManuallyOptimizedField(graphene.Int, required=True)
    shortfall_units = ManuallyOptimizedField(
        graphene.Int, required=True, description="Units never delivered, once the order is "
                                                 "closed.")

    class Meta:
        model = PurchaseOrder
        name = "PurchaseOrder"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "number", "supplier", "location", "status", "note", "expected_on",
                  "created_at", "sent_at", "closed_at")

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def _with_lines(queryset, optimizer=None, **kwargs):
        if any(getattr(lookup, "prefetch_to", lookup) == "prefetched_lines"
               for lookup in queryset._prefetch_related_lookups):
            return queryset  # asked for by another field already
        return queryset.prefetch_related(Prefetch(
            "lines", to_attr="prefetched_lines", queryset=PurchaseOrderLine.objects.order_by(
                "pk").select_related("variant__product", "supplier_item")))

    optimize_lines = optimize_total = optimize_damaged_units = optimize_shortfall_units = \
        _with_lines

    @staticmethod
    def _lines_of(root):
        lines = getattr(root, "prefetched_lines", None)
        return lines if lines is not None else list(root.lines.all())

    @staticmethod
    def resolve_lines(root, info):
        return PurchaseOrderNode._lines_of(root)

    @staticmethod
    def resolve_receipts(root, info):
        return root.receipts.prefetch_related("lines")

    @staticmethod
    def resolve_total(root, info):
        return Money.of(sum(line.total for line in PurchaseOrderNode._lines_of(root)))

    @staticmethod
    def resolve_damaged_units(root, info):
        return sum(line.damaged_quantity for line in PurchaseOrderNode._lines_of(root))

    @staticmethod
    def resolve_shortfall_units(root, info):
        if root.status != PurchaseOrderStatus.CLOSED:
            return 0
        return sum(line.outstanding for line in PurchaseOrderNode._lines_of(root))


class SupplierSettingsNode(DjangoObjectType):
    class Meta:
        model = SupplierSettings
        name = "SupplierSettings"
        fields = ("cost_change_threshold_percent", "sales_window_days", "safety_stock_days",
                  "cover_days")


class ConsignmentStatementLine(graphene.ObjectType):
    variant = graphene.Field(ProductVariantNode, required=True)
    units_sold = graphene.Int(required=True)
    unit_cost = graphene.Field(Money, required=True)
    amount = graphene.Field(Money, required=True)


class ConsignmentStatement(graphene.ObjectType):
    supplier = graphene.Field(SupplierNode, required=True)
    start = graphene.DateTime(required=True)
    end = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(ConsignmentStatementLine), required=True)
    total = graphene.Field(Money, required=True)


class ReorderSuggestionType(graphene.ObjectType):
    variant = graphene.Field(ProductVariantNode, required=True)
    on_hand = graphene.Int(required=True)
    allocated = graphene.Int(required=True)
    incoming = graphene.Int(required=True, description="Still expected on open orders.")
    average_daily_sales = graphene.Float(required=True)
    lead_time_days = graphene.Int(required=True)
    safety_stock_days = graphene.Int(required=True)
    reorder_point = graphene.Int(required=True)
    target = graphene.Int(required=True)
    packs = graphene.Int(required=True)
    pack_size = graphene.Int(required=True)
    quantity = graphene.Int(required=True, description="Units: packs x units per pack.")
    supplier = graphene.Field(SupplierNode, description="Preferred, else the cheapest that "
                                                        "has the quantity.")
    supplier_item = graphene.Field(SupplierItemNode)
    expected_cost = graphene.Field(Money)
    limited_by_shelf_life = graphene.Boolean(required=True)
    supplier_short = graphene.Boolean(required=True, description="The supplier's feed shows "
                                                                 "fewer units than this.")

    class Meta:
        name = "ReorderSuggestion"

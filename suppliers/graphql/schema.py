import graphene
from graphene.types.generic import GenericScalar

from backend.accounts.permissions import Permission
from backend.accounts.selectors import has_permission
from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.ids import find_node, node_for, required_node
from backend.graphql.core.inputs import enum_value, input_dict
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from backend.graphql.core.permissions import (
    authenticated_user,
    permission_required,
    require_cooperative,
)
from backend.graphql.core.upload import Upload
from backend.uploads import SPREADSHEET_MAX_BYTES
from catalog.graphql.types import ProductVariantNode
from inventory.graphql.schema import LocationNode

from .. import selectors
from ..models import PurchaseOrder, Supplier, SupplierSync, SyncSource
from ..services import feeds, pull, purchasing, register, settings
from ..services.sourcing import variant_sourcing_set
from .reorder import PurchaseOrderCreateFromSuggestions, ReorderQueries, ReorderRuleSet
from .types import (
    FeedFormatEnum,
    PurchaseOrderLineNode,
    PurchaseOrderNode,
    PurchaseOrderStatusEnum,
    SourcingEnum,
    SupplierError,
    SupplierFeedSourceNode,
    SupplierItemNode,
    SupplierNode,
    SupplierSettingsNode,
    SupplierSyncNode,
)

MANAGE = Permission.MANAGE_SUPPLIERS


def _visible(info, global_id, node):
    """One object by its ID, or None when it is not the viewer's to see."""
    user = authenticated_user(info)
    obj = find_node(info, global_id, node)
    if obj is None or not has_permission(user, obj.cooperative, MANAGE):
        return None
    return obj


def _supplier_filter(info, cooperative, global_id):
    """The supplier a listing is narrowed to, or a NOT_FOUND error."""
    return required_node(info, global_id, SupplierNode, field="supplier",
                         cooperative=cooperative)


def _supplier_of(info, cooperative, global_id):
    return node_for(info, global_id, SupplierNode, field="supplier", cooperative=cooperative)


class ConsignmentStatementLine(graphene.ObjectType):
    variant = graphene.Field("catalog.graphql.types.ProductVariantNode", required=True)
    units_sold = graphene.Int(required=True)
    unit_cost = graphene.Field("backend.graphql.core.money.Money", required=True)
    amount = graphene.Field("backend.graphql.core.money.Money", required=True)


class ConsignmentStatement(graphene.ObjectType):
    supplier = graphene.Field(SupplierNode, required=True)
    start = graphene.DateTime(required=True)
    end = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(ConsignmentStatementLine), required=True)
    total = graphene.Field("backend.graphql.core.money.Money", required=True)


class SupplierQueries(ReorderQueries, graphene.ObjectType):
    suppliers = DjangoConnectionField(SupplierNode, cooperative=graphene.String(),
                                      search=graphene.String(), active=graphene.Boolean())
    supplier = graphene.Field(SupplierNode, id=graphene.ID(required=True))
    supplier_items = DjangoConnectionField(
        SupplierItemNode, cooperative=graphene.String(), supplier=graphene.ID(),
        unmapped=graphene.Boolean(description="Only items not yet mapped to our variants."),
        active=graphene.Boolean(), search=graphene.String())
    supplier_syncs = DjangoConnectionField(SupplierSyncNode, cooperative=graphene.String(),
                                           supplier=graphene.ID())
    supplier_sync = graphene.Field(SupplierSyncNode, id=graphene.ID(required=True))
    purchase_orders = DjangoConnectionField(
        PurchaseOrderNode, cooperative=graphene.String(), supplier=graphene.ID(),
        status=PurchaseOrderStatusEnum())
    purchase_order = graphene.Field(PurchaseOrderNode, id=graphene.ID(required=True))
    supplier_settings = graphene.Field(SupplierSettingsNode, cooperative=graphene.String())
    consignment_statements = graphene.List(
        graphene.NonNull(ConsignmentStatement), required=True, cooperative=graphene.String(),
        start=graphene.DateTime(required=True), end=graphene.DateTime(required=True),
        supplier=graphene.ID(), description="What is owed for consigned units sold.")

    @staticmethod
    @permission_required(MANAGE)
    def resolve_suppliers(root, info, cooperative=None, search="", active=None, **kwargs):
        queryset = Supplier.objects.of(require_cooperative(info, cooperative))
        if search:
            queryset = queryset.filter(name__icontains=search)
        return queryset if active is None else queryset.filter(is_active=active)

    @staticmethod
    def resolve_supplier(root, info, id):
        return _visible(info, id, SupplierNode)

    @staticmethod
    @permission_required(MANAGE)
    def resolve_supplier_items(root, info, cooperative=None, supplier=None, unmapped=None,
                               active=None, search="", **kwargs):
        found = require_cooperative(info, cooperative)
        return selectors.supplier_items(
            found, supplier=_supplier_filter(info, found, supplier) if supplier else None,
            unmapped=unmapped, active=active, search=search or "")

    @staticmethod
    @permission_required(MANAGE)
    def resolve_supplier_syncs(root, info, cooperative=None, supplier=None, **kwargs):
        found = require_cooperative(info, cooperative)
        queryset = SupplierSync.objects.of(found)
        return queryset.filter(supplier=_supplier_filter(info, found, supplier)) \
            if supplier else queryset

    @staticmethod
    def resolve_supplier_sync(root, info, id):
        return _visible(info, id, SupplierSyncNode)

    @staticmethod
    @permission_required(MANAGE)
    def resolve_purchase_orders(root, info, cooperative=None, supplier=None, status=None,
                                **kwargs):
        found = require_cooperative(info, cooperative)
        queryset = PurchaseOrder.objects.of(found)
        if supplier:
            queryset = queryset.filter(supplier=_supplier_filter(info, found, supplier))
        return queryset.filter(status=enum_value(status)) if status else queryset

    @staticmethod
    def resolve_purchase_order(root, info, id):
        return _visible(info, id, PurchaseOrderNode)

    @staticmethod
    @permission_required(MANAGE)
    def resolve_supplier_settings(root, info, cooperative=None):
        return settings.settings_of(require_cooperative(info, cooperative))

    @staticmethod
    @permission_required(MANAGE)
    def resolve_consignment_statements(root, info, start, end, cooperative=None,
                                       supplier=None):
        from backend.graphql.core.money import Money

        found = require_cooperative(info, cooperative)
        statements = selectors.consignment_statements(
            found, start, end, _supplier_filter(info, found, supplier) if supplier else None)
        return [ConsignmentStatement(
            supplier=s.supplier, start=s.start, end=s.end, total=Money.of(s.total),
            lines=[ConsignmentStatementLine(variant=line.variant, units_sold=line.units_sold,
                                            unit_cost=Money.of(line.unit_cost),
                                            amount=Money.of(line.amount))
                   for line in s.lines]) for s in statements]


# -- suppliers and items ------------------------------------------------------------------------
class SupplierInput(graphene.InputObjectType):
    name = graphene.String()
    contact_person = graphene.String()
    phone = graphene.String()
    email = graphene.String()
    address = graphene.String()
    payment_terms = graphene.String(description='For example "30 hari" or "tunai".')
    lead_time_days = graphene.Int()
    minimum_order_value = graphene.BigInt(description="Whole rupiah.")
    is_active = graphene.Boolean()


class SupplierCreate(BaseMutation):
    supplier = graphene.Field(SupplierNode)

    class Arguments:
        cooperative = graphene.String()
        input = SupplierInput(required=True)

    class Meta:
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        return cls(supplier=register.supplier_save(
            cls.get_cooperative(info, cooperative=cooperative), input_dict(input)), errors=[])


class SupplierUpdate(ModelMutation):
    supplier = graphene.Field(SupplierNode)
    node = SupplierNode

    class Arguments:
        id = graphene.ID(required=True)
        input = SupplierInput(required=True)

    class Meta:
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        supplier = cls.get_object(info, id)
        return cls(supplier=register.supplier_save(supplier.cooperative, input_dict(input),
                                                   supplier), errors=[])


class SupplierItemMap(ModelMutation):
    item = graphene.Field(SupplierItemNode)
    node = SupplierItemNode

    class Arguments:
        id = graphene.ID(required=True)
        variant = graphene.ID(description="Our variant; null to unmap.")
        preferred = graphene.Boolean(description="Buy this variant from this supplier first.")

    class Meta:
        description = "Say which of our variants a supplier item is."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, id, variant=None, preferred=None):
        item = cls.get_object(info, id)
        variant_obj = node_for(info, variant, ProductVariantNode, field="variant",
                               cooperative=item.cooperative) if variant else None
        return cls(item=register.supplier_item_map(item, variant_obj, preferred=preferred),
                   errors=[])


# -- feeds --------------------------------------------------------------------------------------
def _stream(upload):
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if upload is None or not hasattr(upload, "read"):
        raise ValidationError({"file": ValidationError(
            _("Send the file in a multipart request."), code="invalid_file")})
    if getattr(upload, "size", 0) > SPREADSHEET_MAX_BYTES:
        raise ValidationError({"file": ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": SPREADSHEET_MAX_BYTES // 2**20},
            code="file_too_large")})
    return upload.file


class SupplierFeedUpload(ModelMutation):
    sync = graphene.Field(SupplierSyncNode, description="With its change report and row "
                                                        "errors.")
    node = SupplierNode

    class Arguments:
        id = graphene.ID(required=True, description="The supplier.")
        file = Upload(required=True, description=".csv, .xlsx or .json feed.")
        dry_run = graphene.Boolean(default_value=True)
        apply_valid_rows = graphene.Boolean(default_value=False, description=(
            "Apply the rows without problems even though other rows have some."))
        mapping = GenericScalar(description='Headers of this file, e.g. {"cost_per_pack": '
                                            '"Harga Karton"}; the saved mapping otherwise.')

    class Meta:
        description = "Check a supplier's feed and (unless dry run) apply it."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, id, file, dry_run=True, apply_valid_rows=False,
                         mapping=None):
        supplier = cls.get_object(info, id)
        source = pull.feed_source_of(supplier)
        stream = _stream(file)
        rows = feeds.feed_rows(stream, feeds.format_of(file.name, source.format),
                               mapping if isinstance(mapping, dict) else source.column_mapping)
        sync = feeds.feed_sync(supplier, rows, source=SyncSource.UPLOAD,
                               actor=info.context.user, filename=file.name,
                               content_sha256=feeds.sha256_of(stream), dry_run=dry_run,
                               apply_valid_rows=apply_valid_rows)
        return cls(sync=sync, errors=[])


class SupplierFeedSourceInput(graphene.InputObjectType):
    format = FeedFormatEnum()
    column_mapping = GenericScalar(description='Our column -> their header: supplier_sku, '
                                               'name, barcode, pack_size, cost_per_pack, '
                                               'min_order_packs, available_quantity.')
    url = graphene.String(description="https:// address pulled on the schedule.")
    auth_header = graphene.String(description='For example "Authorization: Bearer abc". '
                                              "Stored encrypted, never shown again.")
    every_hours = graphene.Int()
    pull_enabled = graphene.Boolean()
    new_push_token = graphene.Boolean(description="Make a new secret token for the push "
                                                  "endpoint (the old one stops working).")


class SupplierFeedSourceUpdate(ModelMutation):
    source = graphene.Field(SupplierFeedSourceNode)
    push_token = graphene.String(description="Shown only now, when a new one was asked for.")
    push_url = graphene.String(description="Where the supplier POSTs its feed.")
    node = SupplierNode

    class Arguments:
        id = graphene.ID(required=True, description="The supplier.")
        input = SupplierFeedSourceInput(required=True)

    class Meta:
        description = "The saved column mapping, scheduled pull and push token of a feed."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        source, token = pull.feed_source_update(cls.get_object(info, id), input_dict(input))
        return cls(source=source, push_token=token or None,
                   push_url=info.context.build_absolute_uri("/suppliers/feed/push"),
                   errors=[])


class SupplierFeedPull(ModelMutation):
    queued = graphene.Boolean(required=True)
    node = SupplierNode

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        description = "Pull the feed now instead of waiting for the schedule."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, id):
        from django.db import transaction

        from ..tasks import pull_supplier_feed

        source = pull.feed_source_of(cls.get_object(info, id))
        if source.pk and source.url:
            transaction.on_commit(lambda: pull_supplier_feed.delay(source.pk))
        return cls(queued=bool(source.pk and source.url), errors=[])


class SupplierSettingsInput(graphene.InputObjectType):
    cost_change_threshold_percent = graphene.Int()
    sales_window_days = graphene.Int()
    safety_stock_days = graphene.Int()
    cover_days = graphene.Int()


class SupplierSettingsUpdate(BaseMutation):
    settings = graphene.Field(SupplierSettingsNode)

    class Arguments:
        cooperative = graphene.String()
        input = SupplierSettingsInput(required=True)

    class Meta:
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        return cls(settings=settings.supplier_settings_update(
            cls.get_cooperative(info, cooperative=cooperative), input_dict(input)), errors=[])


class VariantSourcingSet(BaseMutation):
    sourcing = SourcingEnum()

    class Arguments:
        variant = graphene.ID(required=True)
        sourcing = SourcingEnum(required=True)
        supplier = graphene.ID(description="Whose stock (drop-ship) or goods (consignment).")

    class Meta:
        description = "Stocked by us, drop-ship (sold from the supplier's stock) or "\
                      "consignment (titip jual)."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def _variant(cls, info, variant):
        return node_for(info, variant, ProductVariantNode, field="variant")

    @classmethod
    def get_cooperative(cls, info, **data):
        return cls._variant(info, data["variant"]).cooperative

    @classmethod
    def perform_mutation(cls, root, info, variant, sourcing, supplier=None):
        variant_obj = cls._variant(info, variant)
        supply = variant_sourcing_set(
            variant_obj, enum_value(sourcing),
            _supplier_of(info, variant_obj.cooperative, supplier) if supplier else None)
        return cls(sourcing=supply.sourcing, errors=[])


# -- purchase orders ----------------------------------------------------------------------------
class PurchaseOrderLineInput(graphene.InputObjectType):
    variant = graphene.ID(description="Our variant (or give the supplier item).")
    supplier_item = graphene.ID()
    packs = graphene.Int(required=True)
    cost_per_pack = graphene.BigInt(description="Whole rupiah; the supplier's current cost "
                                                "otherwise.")
    pack_size = graphene.Int()


class PurchaseOrderInput(graphene.InputObjectType):
    supplier = graphene.ID()
    location = graphene.ID(description="Deliver to.")
    note = graphene.String()
    expected_on = graphene.Date()
    lines = graphene.List(graphene.NonNull(PurchaseOrderLineInput))


LINE_NODES = {"variant": ProductVariantNode, "supplier_item": SupplierItemNode}


def _order_data(info, cooperative, data) -> dict:
    cleaned = input_dict(data, {"supplier": SupplierNode, "location": LocationNode},
                         info=info, cooperative=cooperative)
    if "lines" in cleaned:
        # A problem in any line is reported on `lines`.
        cleaned["lines"] = [{key: node_for(info, value, LINE_NODES[key], field="lines",
                                           cooperative=cooperative) if key in LINE_NODES
                             else value for key, value in input_dict(line).items()}
                            for line in cleaned["lines"]]
    return cleaned


class PurchaseOrderCreate(BaseMutation):
    order = graphene.Field(PurchaseOrderNode)

    class Arguments:
        cooperative = graphene.String()
        input = PurchaseOrderInput(required=True)

    class Meta:
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, input, cooperative=None):
        found = cls.get_cooperative(info, cooperative=cooperative)
        return cls(order=purchasing.purchase_order_create(
            found, _order_data(info, found, input), actor=info.context.user), errors=[])


class _OrderMutation(ModelMutation):
    order = graphene.Field(PurchaseOrderNode)
    node = PurchaseOrderNode

    class Meta:
        abstract = True


class PurchaseOrderUpdate(_OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = PurchaseOrderInput(required=True)

    class Meta:
        description = "Change a draft."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        order = cls.get_object(info, id)
        data = _order_data(info, order.cooperative, input)
        data.pop("supplier", None)
        return cls(order=purchasing.purchase_order_update(order, data), errors=[])


def _order_action(name, service, description):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type = SupplierError
        permission = MANAGE

    Meta.description = description

    def perform_mutation(cls, root, info, id):
        return cls(order=service(cls.get_object(info, id)), errors=[])

    return type(name, (_OrderMutation,), {"Arguments": Arguments, "Meta": Meta,
                                          "perform_mutation": classmethod(perform_mutation)})


PurchaseOrderSend = _order_action(
    "PurchaseOrderSend", purchasing.purchase_order_send,
    "E-mail the order to the supplier as a printable page; draft becomes sent.")
PurchaseOrderCancel = _order_action("PurchaseOrderCancel", purchasing.purchase_order_cancel,
                                    "Cancel an order nothing of which has arrived.")
PurchaseOrderClose = _order_action(
    "PurchaseOrderClose", purchasing.purchase_order_close,
    "Nothing more will come: what was not delivered counts as a shortfall.")


class GoodsReceiptLineInput(graphene.InputObjectType):
    line = graphene.ID(required=True, description="The purchase order line.")
    received_quantity = graphene.Int(required=True, description="Good units, into stock.")
    damaged_quantity = graphene.Int()
    batch = graphene.String()
    expiry_date = graphene.Date()
    unit_cost = graphene.BigInt(description="What one unit actually cost; the ordered cost "
                                            "otherwise.")


class GoodsReceiptCreate(_OrderMutation):
    receipt = graphene.Field("suppliers.graphql.types.GoodsReceiptNode")

    class Arguments:
        id = graphene.ID(required=True, description="The purchase order.")
        lines = graphene.List(graphene.NonNull(GoodsReceiptLineInput), required=True)
        note = graphene.String()

    class Meta:
        description = "Record what arrived: good units enter stock, the cost becomes the "\
                      "moving average."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, id, lines, note=""):
        order = cls.get_object(info, id)
        entries = []
        for line in lines:
            entry = input_dict(line)
            entry["line"] = node_for(info, entry["line"], PurchaseOrderLineNode, field="lines",
                                     cooperative=order.cooperative).pk
            entries.append(entry)
        receipt = purchasing.goods_receipt_create(order, entries, actor=info.context.user,
                                                  note=note or "")
        order.refresh_from_db()
        return cls(order=order, receipt=receipt, errors=[])


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


__all__ = ["SupplierMutations", "SupplierQueries", "SupplierFeedSourceNode"]

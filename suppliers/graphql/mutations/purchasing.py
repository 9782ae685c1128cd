"""Purchase orders: create, change, send, cancel, close, and goods received against them."""

import graphene

from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import input_dict
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from catalog.graphql.types import ProductVariantNode
from inventory.graphql.types import LocationNode

from ...services import purchasing
from ..types import (
    MANAGE,
    GoodsReceiptNode,
    PurchaseOrderLineNode,
    PurchaseOrderNode,
    SupplierError,
    SupplierItemNode,
    SupplierNode,
)


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


class _OrderAction(_OrderMutation):
    """A purchase order moved on by one service (`service`), nothing else to give."""

    class Meta:
        abstract = True

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id):
        return cls(order=cls.service(cls.get_object(info, id)), errors=[])


class PurchaseOrderSend(_OrderAction):
    service = staticmethod(purchasing.purchase_order_send)

    class Meta:
        description = "E-mail the order to the supplier as a printable page; draft becomes sent."
        error_type = SupplierError
        permission = MANAGE


class PurchaseOrderCancel(_OrderAction):
    service = staticmethod(purchasing.purchase_order_cancel)

    class Meta:
        description = "Cancel an order nothing of which has arrived."
        error_type = SupplierError
        permission = MANAGE


class PurchaseOrderClose(_OrderAction):
    service = staticmethod(purchasing.purchase_order_close)

    class Meta:
        description = "Nothing more will come: what was not delivered counts as a shortfall."
        error_type = SupplierError
        permission = MANAGE


class GoodsReceiptLineInput(graphene.InputObjectType):
    line = graphene.ID(required=True, description="The purchase order line.")
    received_quantity = graphene.Int(required=True, description="Good units, into stock.")
    damaged_quantity = graphene.Int()
    batch = graphene.String()
    expiry_date = graphene.Date()
    unit_cost = graphene.BigInt(description="What one unit actually cost; the ordered cost "
                                            "otherwise.")


class GoodsReceiptCreate(_OrderMutation):
    receipt = graphene.Field(GoodsReceiptNode)

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

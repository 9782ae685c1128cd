"""A sale at the counter (sent again, it returns the sale already recorded) and a refund."""

import graphene
from django.core.exceptions import ValidationError

from backend.graphql.core.ids import node_for, nodes_for
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from catalog.graphql.types import ProductVariantNode

from ...selectors import till_member_find
from ...services.refunds import till_sale_refund
from ...services.sales import LineInput, PaymentInput, SaleInput, till_sale_create
from ..types import (
    SELL,
    TillError,
    TillPaymentMethodEnum,
    TillSaleLineNode,
    TillSaleNode,
    TillShiftNode,
)


class TillSaleLineInput(graphene.InputObjectType):
    variant = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.BigInt(description="The price the till showed and the customer "
                                             "paid; default: today's price for this customer.")
    discount = graphene.BigInt(default_value=0, description="Needs a manager's PIN.")
    voided = graphene.Boolean(default_value=False, description="Taken off before payment.")
    barcode = graphene.String(description="As scanned (a scale's price barcode).")


class TillPaymentInput(graphene.InputObjectType):
    method = TillPaymentMethodEnum(required=True)
    amount = graphene.BigInt(required=True, description="This payment's part of the total.")
    tendered = graphene.BigInt(description="Cash handed over (change is the rest).")
    approval_code = graphene.String(description="The EDC's approval code (card).")


class TillSaleInput(graphene.InputObjectType):
    shift = graphene.ID(required=True)
    client_id = graphene.String(required=True, description="A UUID the till made for this "
                                                           "sale: sent again, nothing doubles.")
    device_id = graphene.String()
    sold_at = graphene.DateTime(description="When the till took the payment.")
    offline = graphene.Boolean(default_value=False)
    member = graphene.String(description="The member's card token, number or phone.")
    manager_pin = graphene.String()
    lines = graphene.List(graphene.NonNull(TillSaleLineInput), required=True)
    payments = graphene.List(graphene.NonNull(TillPaymentInput), required=True)


class TillSaleCreate(BaseMutation):
    sale = graphene.Field(TillSaleNode)
    created = graphene.Boolean(description="False: this client id was already recorded.")

    class Arguments:
        input = TillSaleInput(required=True)

    class Meta:
        description = "Record a paid sale at the counter, once per client id."
        error_type = TillError
        permission = SELL

    @classmethod
    def get_cooperative(cls, info, **data):
        return node_for(info, data["input"]["shift"], TillShiftNode, field="shift").cooperative

    @classmethod
    def perform_mutation(cls, root, info, input):
        shift = node_for(info, input["shift"], TillShiftNode, field="shift")
        cooperative = shift.cooperative
        variants = nodes_for(info, [line["variant"] for line in input["lines"]],
                             ProductVariantNode, field="lines", cooperative=cooperative) \
            if input["lines"] else []
        by_id = dict(zip(dict.fromkeys(line["variant"] for line in input["lines"]), variants,
                         strict=True))
        try:
            member = till_member_find(cooperative, input.get("member") or "")
        except ValidationError as error:
            raise ValidationError({"member": error.error_dict["token"]}) from None
        data = SaleInput(
            client_id=input["client_id"], device_id=input.get("device_id") or "",
            sold_at=input.get("sold_at"), offline=bool(input.get("offline")), member=member,
            manager_pin=input.get("manager_pin") or "",
            lines=[LineInput(variant=by_id[line["variant"]], quantity=line["quantity"],
                             unit_price=line.get("unit_price"),
                             discount=line.get("discount") or 0,
                             voided=bool(line.get("voided")), barcode=line.get("barcode") or "")
                   for line in input["lines"]],
            payments=[PaymentInput(method=enum_value(p["method"]), amount=p["amount"],
                                   tendered=p.get("tendered"),
                                   approval_code=p.get("approval_code") or "")
                      for p in input["payments"]])
        sale, created = till_sale_create(shift, info.context.user, data)
        return cls(sale=sale, created=created, errors=[])


class TillRefundLineInput(graphene.InputObjectType):
    sale_line = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class TillSaleRefund(ModelMutation):
    sale = graphene.Field(TillSaleNode)
    refunded = graphene.BigInt(description="Paid back now, in rupiah.")

    class Arguments:
        id = graphene.ID(required=True)
        lines = graphene.List(graphene.NonNull(TillRefundLineInput), required=True)
        manager_pin = graphene.String(required=True)
        reason = graphene.String()
        restock = graphene.Boolean(default_value=True,
                                   description="False: the goods are damaged.")

    class Meta:
        description = "Goods back after payment, with a manager's PIN; paid back by the way "\
                      "it was paid."
        error_type = TillError
        permission = SELL

    node = TillSaleNode

    @classmethod
    def perform_mutation(cls, root, info, id, lines, manager_pin, reason="", restock=True):
        sale = cls.get_object(info, id)
        found = nodes_for(info, [line["sale_line"] for line in lines], TillSaleLineNode,
                          field="lines", cooperative=sale.cooperative)
        by_id = dict(zip(dict.fromkeys(line["sale_line"] for line in lines), found,
                         strict=True))
        quantities = {}
        for line in lines:
            pk = by_id[line["sale_line"]].pk
            quantities[pk] = quantities.get(pk, 0) + line["quantity"]
        refund = till_sale_refund(sale, info.context.user, quantities=quantities,
                                  manager_pin=manager_pin, reason=reason or "",
                                  restock=restock)
        sale.refresh_from_db()
        return cls(sale=sale, refunded=refund.amount, errors=[])

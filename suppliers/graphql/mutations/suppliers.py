"""Suppliers, their items, the domain's settings and where a variant's stock comes from."""

import graphene

from backend.graphql.core.ids import node_for
from backend.graphql.core.inputs import enum_value, input_dict
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from catalog.graphql.types import ProductVariantNode

from ...services import register, settings
from ...services.sourcing import variant_sourcing_set
from ..types import (
    MANAGE,
    SourcingEnum,
    SupplierError,
    SupplierItemNode,
    SupplierNode,
    SupplierSettingsNode,
)


def _supplier_of(info, cooperative, global_id):
    return node_for(info, global_id, SupplierNode, field="supplier", cooperative=cooperative)


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

"""Acting on the reorder list: purchase orders from picked suggestions, a variant's own levels."""

import graphene

from backend.graphql.core.ids import node_for
from backend.graphql.core.mutations import BaseMutation
from catalog.graphql.types import ProductVariantNode
from inventory.graphql.types import LocationNode

from ...services.reorder import (
    purchase_order_create_from_suggestions,
    reorder_rule_set,
)
from ..types import (
    MANAGE,
    PurchaseOrderNode,
    SupplierError,
)


class _PlaceMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def place(cls, info, location):
        return node_for(info, location, LocationNode, field="location")

    @classmethod
    def get_cooperative(cls, info, **data):
        return cls.place(info, data["location"]).cooperative


class SuggestionPick(graphene.InputObjectType):
    variant = graphene.ID(required=True)
    packs = graphene.Int(description="Instead of the suggested number of packs.")


class PurchaseOrderCreateFromSuggestions(_PlaceMutation):
    orders = graphene.List(graphene.NonNull(PurchaseOrderNode))

    class Arguments:
        location = graphene.ID(required=True)
        picks = graphene.List(graphene.NonNull(SuggestionPick), required=True)

    class Meta:
        description = "Draft purchase orders, one per supplier, from picked suggestions."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, location, picks):
        place = cls.place(info, location)
        chosen = [{"variant": node_for(info, pick.variant, ProductVariantNode, field="picks",
                                       cooperative=place.cooperative), "packs": pick.packs}
                  for pick in picks]
        orders = purchase_order_create_from_suggestions(place.cooperative, place, chosen,
                                                        actor=info.context.user)
        return cls(orders=orders, errors=[])


class ReorderRuleSet(_PlaceMutation):
    saved = graphene.Boolean(description="False when the rule was removed.")

    class Arguments:
        variant = graphene.ID(required=True)
        location = graphene.ID(required=True)
        reorder_point = graphene.Int()
        min_quantity = graphene.Int()
        max_quantity = graphene.Int()
        safety_stock_days = graphene.Int()

    class Meta:
        description = "The manager's own levels for a variant at a place (all empty: none)."
        error_type = SupplierError
        permission = MANAGE

    @classmethod
    def perform_mutation(cls, root, info, variant, location, **levels):
        place = cls.place(info, location)
        variant_obj = node_for(info, variant, ProductVariantNode, field="variant",
                               cooperative=place.cooperative)
        rule = reorder_rule_set(variant_obj, place, levels)
        return cls(saved=rule is not None, errors=[])

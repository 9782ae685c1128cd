import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.ids import node_for, required_node
from backend.graphql.core.money import Money
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import check_permission
from catalog.graphql.types import ProductVariantNode
from catalog.models import ProductVariant
from inventory.graphql.schema import LocationNode

from ..models import Supplier, SupplierItem
from ..services.reorder import (
    purchase_order_create_from_suggestions,
    reorder_rule_set,
    reorder_suggestions,
)
from .types import PurchaseOrderNode, SupplierError, SupplierItemNode, SupplierNode

MANAGE = Permission.MANAGE_SUPPLIERS


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


class ReorderQueries(graphene.ObjectType):
    reorder_suggestions = graphene.List(
        graphene.NonNull(ReorderSuggestionType), required=True,
        location=graphene.ID(required=True), limit=graphene.Int(default_value=100),
        description="What to order for a place, most needed first (at most 1,000).")

    @staticmethod
    def resolve_reorder_suggestions(root, info, location, limit=100):
        place = required_node(info, location, LocationNode, field="location")
        check_permission(info, place.cooperative, MANAGE)
        found = reorder_suggestions(place.cooperative, place)
        found.sort(key=lambda s: (s.on_hand - s.allocated + s.incoming) / max(
            s.average_daily_sales, 0.01))
        found = found[:max(1, min(limit, 1000))]
        variants = ProductVariant.objects.select_related("product").in_bulk(
            [s.variant_id for s in found])
        suppliers = Supplier.objects.in_bulk([s.supplier_id for s in found if s.supplier_id])
        items = SupplierItem.objects.in_bulk([s.supplier_item_id for s in found
                                              if s.supplier_item_id])
        return [ReorderSuggestionType(
            variant=variants[s.variant_id], supplier=suppliers.get(s.supplier_id),
            supplier_item=items.get(s.supplier_item_id), expected_cost=Money.of(
                s.expected_cost), **{k: v for k, v in s.__dict__.items() if k not in (
                    "variant_id", "supplier_id", "supplier_item_id", "expected_cost")})
            for s in found]


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
    saved = graphene.Boolean(required=True, description="False when the rule was removed.")

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

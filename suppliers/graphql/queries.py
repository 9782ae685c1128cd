"""The suppliers domain's queries: suppliers, items, syncs, purchase orders, settings, consignment
statements and reorder suggestions."""

import graphene

from backend.accounts.selectors import has_permission
from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.ids import find_node, required_node
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.money import Money
from backend.graphql.core.permissions import (
    authenticated_user,
    check_permission,
    permission_required,
    require_cooperative,
)
from inventory.graphql.types import LocationNode

from .. import selectors
from ..models import PurchaseOrder, Supplier, SupplierSync
from ..services import settings
from ..services.reorder import (
    reorder_list,
)
from .types import (
    MANAGE,
    ConsignmentStatement,
    ConsignmentStatementLine,
    PurchaseOrderNode,
    PurchaseOrderStatusEnum,
    ReorderSuggestionType,
    SupplierItemNode,
    SupplierNode,
    SupplierSettingsNode,
    SupplierSyncNode,
)


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


class SupplierQueries(graphene.ObjectType):
    reorder_suggestions = graphene.List(
        graphene.NonNull(ReorderSuggestionType), required=True,
        location=graphene.ID(required=True), limit=graphene.Int(required=True, default_value=100),
        description="What to order for a place, most needed first (at most 1,000).")

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
    def resolve_reorder_suggestions(root, info, location, limit=100):
        place = required_node(info, location, LocationNode, field="location")
        check_permission(info, place.cooperative, MANAGE)
        return [ReorderSuggestionType(
            variant=row.variant, supplier=row.supplier, supplier_item=row.supplier_item,
            expected_cost=Money.of(row.suggestion.expected_cost),
            **{k: v for k, v in row.suggestion.__dict__.items() if k not in (
                "variant_id", "supplier_id", "supplier_item_id", "expected_cost")})
            for row in reorder_list(place.cooperative, place, limit=limit)]

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
        found = require_cooperative(info, cooperative)
        statements = selectors.consignment_statements(
            found, start, end, _supplier_filter(info, found, supplier) if supplier else None)
        return [ConsignmentStatement(
            supplier=s.supplier, start=s.start, end=s.end, total=Money.of(s.total),
            lines=[ConsignmentStatementLine(variant=line.variant, units_sold=line.units_sold,
                                            unit_cost=Money.of(line.unit_cost),
                                            amount=Money.of(line.amount))
                   for line in s.lines]) for s in statements]

"""Counting and moving stock."""

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.ids import node_for
from backend.graphql.core.mutations import BaseMutation
from catalog.graphql.types import ProductVariantNode

from ... import services
from ..types import InventoryError, LocationNode, StockNode


class _StockMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def objects(cls, info, data):
        location = node_for(info, data["location"], LocationNode, field="location")
        variant = node_for(info, data["variant"], ProductVariantNode, field="variant",
                           cooperative=location.cooperative)
        return variant, location

    @classmethod
    def get_cooperative(cls, info, **data):
        return cls.objects(info, data)[1].cooperative


class StockAdjust(_StockMutation):
    stock = graphene.Field(StockNode)

    class Arguments:
        variant = graphene.ID(required=True)
        location = graphene.ID(required=True)
        counted = graphene.Int(required=True, description="What is on the shelf now.")
        reason = graphene.String(required=True)

    class Meta:
        error_type = InventoryError
        permission = Permission.MANAGE_INVENTORY

    @classmethod
    def perform_mutation(cls, root, info, variant, location, counted, reason):
        variant_obj, location_obj = cls.objects(info, {"variant": variant, "location": location})
        stock = services.stock_adjust(variant_obj, location_obj, counted=counted, reason=reason,
                                      actor=info.context.user)
        return cls(stock=stock, errors=[])


class StockTransfer(_StockMutation):
    source = graphene.Field(StockNode)
    target = graphene.Field(StockNode)

    class Arguments:
        variant = graphene.ID(required=True)
        location = graphene.ID(required=True, description="From.")
        target = graphene.ID(required=True, description="To.")
        quantity = graphene.Int(required=True)
        reason = graphene.String()

    class Meta:
        error_type = InventoryError
        permission = Permission.MANAGE_INVENTORY

    @classmethod
    def perform_mutation(cls, root, info, variant, location, target, quantity, reason=""):
        variant_obj, source = cls.objects(info, {"variant": variant, "location": location})
        target_obj = node_for(info, target, LocationNode, field="target",
                              cooperative=source.cooperative)
        out, into = services.stock_transfer(variant_obj, source, target_obj, quantity,
                                            actor=info.context.user, reason=reason or "")
        return cls(source=out, target=into, errors=[])

"""The inventory domain's part of the root schema: its queries and mutations, assembled."""

import graphene

from .mutations.locations import LocationCreate, LocationUpdate
from .mutations.stock import StockAdjust, StockTransfer
from .mutations.stock_import import StockImportStart
from .queries import InventoryQueries


class InventoryMutations(graphene.ObjectType):
    location_create = LocationCreate.Field()
    location_update = LocationUpdate.Field()
    stock_adjust = StockAdjust.Field()
    stock_transfer = StockTransfer.Field()
    stock_import_start = StockImportStart.Field()


__all__ = ["InventoryMutations", "InventoryQueries"]

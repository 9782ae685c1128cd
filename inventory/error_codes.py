"""Inventory's error codes, declared once. The GraphQL enum InventoryErrorCode is made from
this class; checkout's enum carries INSUFFICIENT_STOCK too."""

from enum import StrEnum


class InventoryErrorCode(StrEnum):
    INSUFFICIENT_STOCK = "insufficient_stock"
    BELOW_ALLOCATED = "below_allocated"

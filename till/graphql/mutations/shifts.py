"""Opening and closing a shift, petty cash."""

import graphene

from backend.graphql.core.ids import node_for
from backend.graphql.core.mutations import BaseMutation, ModelMutation
from inventory.graphql.types import LocationNode

from ...services.shifts import till_cash_move, till_shift_close, till_shift_open
from ..types import SELL, TillError, TillShiftNode


class TillShiftOpen(BaseMutation):
    shift = graphene.Field(TillShiftNode)

    class Arguments:
        location = graphene.ID(required=True, description="The store.")
        opening_float = graphene.BigInt(default_value=0, description="Cash in the drawer.")

    class Meta:
        description = "Open the till at a store (a cashier only at their stores)."
        error_type = TillError
        permission = SELL

    @classmethod
    def get_cooperative(cls, info, **data):
        return node_for(info, data["location"], LocationNode, field="location").cooperative

    @classmethod
    def perform_mutation(cls, root, info, location, opening_float=0):
        place = node_for(info, location, LocationNode, field="location")
        return cls(shift=till_shift_open(place, info.context.user,
                                         opening_float=opening_float), errors=[])


class TillShiftClose(ModelMutation):
    shift = graphene.Field(TillShiftNode)

    class Arguments:
        id = graphene.ID(required=True)
        counted_cash = graphene.BigInt(required=True)
        reason = graphene.String(description="Needed when the count differs.")

    class Meta:
        description = "Close a shift once: the cash counted against the cash expected."
        error_type = TillError
        permission = SELL

    node = TillShiftNode

    @classmethod
    def perform_mutation(cls, root, info, id, counted_cash, reason=""):
        shift = till_shift_close(cls.get_object(info, id), info.context.user,
                                 counted_cash=counted_cash, reason=reason or "")
        return cls(shift=shift, errors=[])


class TillCashMove(BaseMutation):
    shift = graphene.Field(TillShiftNode)

    class Arguments:
        shift = graphene.ID(required=True)
        amount = graphene.BigInt(required=True, description="Negative takes cash out.")
        reason = graphene.String(required=True)

    class Meta:
        description = "Petty cash in or out of the drawer, with a reason."
        error_type = TillError
        permission = SELL

    @classmethod
    def get_cooperative(cls, info, **data):
        return node_for(info, data["shift"], TillShiftNode, field="shift").cooperative

    @classmethod
    def perform_mutation(cls, root, info, shift, amount, reason):
        found = node_for(info, shift, TillShiftNode, field="shift")
        till_cash_move(found, info.context.user, amount=amount, reason=reason)
        return cls(shift=found, errors=[])

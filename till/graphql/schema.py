"""The till's part of the root schema: its queries and mutations, assembled."""

import graphene

from .mutations.sales import TillSaleCreate, TillSaleRefund
from .mutations.setup import TillManagerPinSet, TillSettingsUpdate, TillStaffAssign
from .mutations.shifts import TillCashMove, TillShiftClose, TillShiftOpen
from .queries import TillQueries


class TillMutations(graphene.ObjectType):
    till_shift_open = TillShiftOpen.Field()
    till_shift_close = TillShiftClose.Field()
    till_cash_move = TillCashMove.Field()
    till_sale_create = TillSaleCreate.Field()
    till_sale_refund = TillSaleRefund.Field()
    till_staff_assign = TillStaffAssign.Field()
    till_manager_pin_set = TillManagerPinSet.Field()
    till_settings_update = TillSettingsUpdate.Field()


__all__ = ["TillMutations", "TillQueries"]

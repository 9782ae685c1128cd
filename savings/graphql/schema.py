"""The savings domain's part of the root schema."""

import graphene

from .mutations.credit import StoreCreditRepay, StoreCreditSet
from .mutations.dues import (
    DuesRateSet,
    DuesReceiptDecide,
    DuesReceiptSubmit,
    MemberDuesCategoryChange,
)
from .mutations.ledger import (
    SavingsCorrect,
    SavingsDeposit,
    SavingsKindCreate,
    SavingsTransferOnLeaving,
    SavingsWithdraw,
)
from .queries import SavingsQueries


class SavingsMutations(graphene.ObjectType):
    savings_deposit = SavingsDeposit.Field()
    savings_withdraw = SavingsWithdraw.Field()
    savings_correct = SavingsCorrect.Field()
    savings_transfer_on_leaving = SavingsTransferOnLeaving.Field()
    savings_kind_create = SavingsKindCreate.Field()
    dues_rate_set = DuesRateSet.Field()
    member_dues_category_change = MemberDuesCategoryChange.Field()
    dues_receipt_submit = DuesReceiptSubmit.Field()
    dues_receipt_decide = DuesReceiptDecide.Field()
    store_credit_set = StoreCreditSet.Field()
    store_credit_repay = StoreCreditRepay.Field()


__all__ = ["SavingsMutations", "SavingsQueries"]

"""The members domain's part of the root schema: its queries and mutations, assembled."""

import graphene

from .mutations.linking import (
    MemberCardRevoke,
    MemberLink,
    MembershipClaim_,
    MembershipVerify,
    MemberUnlink,
)
from .mutations.prices import (
    PriceRuleCreate,
    PriceRuleDelete,
    PriceRuleUpdate,
    VariantMemberPriceSet,
)
from .mutations.privacy import MemberDataDeletionRequest, MemberExport
from .mutations.register import MemberBulkUpsert, MemberImportMutation, MemberImportStart
from .mutations.shu import ShuCalculate, ShuExport
from .mutations.sync import MemberSyncRun, MemberSyncSourceUpdate
from .queries import MemberQueries


class MemberMutations(graphene.ObjectType):
    member_import = MemberImportMutation.Field(deprecation_reason=(
        "Runs in the request: use memberImportStart, a job to poll with job(id:)."))
    member_import_start = MemberImportStart.Field()
    member_bulk_upsert = MemberBulkUpsert.Field()
    membership_claim = MembershipClaim_.Field()
    membership_verify = MembershipVerify.Field()
    member_link = MemberLink.Field()
    member_unlink = MemberUnlink.Field()
    member_card_revoke = MemberCardRevoke.Field()
    variant_member_price_set = VariantMemberPriceSet.Field()
    price_rule_create = PriceRuleCreate.Field()
    price_rule_update = PriceRuleUpdate.Field()
    price_rule_delete = PriceRuleDelete.Field()
    member_sync_source_update = MemberSyncSourceUpdate.Field()
    member_sync_run = MemberSyncRun.Field()
    member_export = MemberExport.Field()
    member_data_deletion_request = MemberDataDeletionRequest.Field()
    shu_calculate = ShuCalculate.Field()
    shu_export = ShuExport.Field()


__all__ = ["MemberMutations", "MemberQueries"]

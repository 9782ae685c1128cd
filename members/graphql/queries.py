"""Members, their cards and data, price rules, SHU, the register's imports and sync
source: what members, cashiers and managers read."""

import graphene
from django.core.exceptions import ValidationError

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import DjangoConnectionField
from backend.graphql.core.errors import NotFound
from backend.graphql.core.ids import find_node
from backend.graphql.core.inputs import enum_value
from backend.graphql.core.permissions import (
    authenticated_user,
    check_permission,
    permission_required,
    require_cooperative,
)

from .. import selectors
from ..models import MemberImport, MemberSyncSource, PriceRule, ShuCalculation
from ..selectors import membership_of
from ..services import card
from ..services.eligibility import member_eligibility
from ..services.patronage import patronage_totals
from .types import (
    MemberCard,
    MemberCardScan,
    MemberImportNode,
    MemberNode,
    MemberStatusEnum,
    MemberSyncSourceNode,
    MyMemberData,
    PatronageReport,
    PriceRuleNode,
    ShuCalculationNode,
    ShuShareNode,
)


class MemberQueries(graphene.ObjectType):
    shu_calculations = DjangoConnectionField(ShuCalculationNode, cooperative=graphene.String())
    patronage_report = graphene.Field(PatronageReport, cooperative=graphene.String(),
                                      year=graphene.Int(required=True))
    my_shu_shares = graphene.List(graphene.NonNull(ShuShareNode), cooperative=graphene.String(),
                                  description="Your SHU statements, newest first.")

    @staticmethod
    @permission_required(Permission.VIEW_REPORTS)
    def resolve_patronage_report(root, info, year, cooperative=None):
        totals = patronage_totals(require_cooperative(info, cooperative), year)
        return PatronageReport(year=year, **totals.__dict__)

    @staticmethod
    @permission_required(Permission.MANAGE_MEMBERS)
    def resolve_shu_calculations(root, info, cooperative=None, **kwargs):
        return ShuCalculation.objects.of(require_cooperative(info, cooperative))

    @staticmethod
    def resolve_my_shu_shares(root, info, cooperative=None):
        member = membership_of(authenticated_user(info), require_cooperative(info, cooperative))
        if member is None:
            return []
        return member.shu_shares.select_related("calculation", "member").order_by(
            "-calculation__fiscal_year", "-pk")

    my_member_data = graphene.Field(
        MyMemberData, cooperative=graphene.String(),
        description="Everything the cooperative holds about you, to download (UU PDP).")

    @staticmethod
    def resolve_my_member_data(root, info, cooperative=None):
        from ..services.privacy import own_data

        user = authenticated_user(info)
        member = membership_of(user, require_cooperative(info, cooperative))
        if member is None:
            return None
        return MyMemberData(filename=f"data-anggota-{member.member_number}.json",
                            content=own_data(member, user))

    member_sync_source = graphene.Field(MemberSyncSourceNode, cooperative=graphene.String())

    @staticmethod
    @permission_required(Permission.MANAGE_MEMBERS)
    def resolve_member_sync_source(root, info, cooperative=None):
        return MemberSyncSource.objects.of(require_cooperative(info, cooperative)).first()

    price_rules = DjangoConnectionField(PriceRuleNode, cooperative=graphene.String())

    @staticmethod
    @permission_required(Permission.MANAGE_MEMBERS)
    def resolve_price_rules(root, info, cooperative=None, **kwargs):
        return PriceRule.objects.of(require_cooperative(info, cooperative))

    member_card = graphene.Field(MemberCard, cooperative=graphene.String(),
                                 description="The signed-in member's card.")
    member_card_scan = graphene.Field(
        MemberCardScan, token=graphene.String(required=True), cooperative=graphene.String(),
        description="Who a scanned member card names (cashiers, and the member). No NIK.")

    @staticmethod
    def resolve_member_card(root, info, cooperative=None):
        member = membership_of(authenticated_user(info), require_cooperative(info, cooperative))
        if member is None:
            return None
        return MemberCard(member_number=member.member_number, full_name=member.full_name,
                          status=str(member.status), token=card.member_card_token(member),
                          qr_svg=card.member_card_qr_svg(member))

    @staticmethod
    def resolve_member_card_scan(root, info, token, cooperative=None):
        coop = require_cooperative(info, cooperative)
        user = authenticated_user(info)
        try:
            member = card.member_from_card(token, coop)
        except ValidationError as error:
            raise NotFound(error.messages[0]) from None
        if member.user_id != user.pk:
            check_permission(info, coop, Permission.HANDLE_SALES)
        eligibility = member_eligibility(member.user, coop) if member.user_id else None
        eligible = bool(eligibility and eligibility.eligible)
        return MemberCardScan(member_number=member.member_number, full_name=member.full_name,
                              status=str(member.status), eligible_for_member_price=eligible,
                              note=eligibility.message if eligibility else None)

    members = DjangoConnectionField(
        MemberNode, cooperative=graphene.String(), search=graphene.String(
            description="Member number, part of the name, or phone digits."),
        status=MemberStatusEnum(), active=graphene.Boolean(),
        description="The register: managers only.")
    member = graphene.Field(MemberNode, id=graphene.ID(required=True))
    member_imports = DjangoConnectionField(MemberImportNode, cooperative=graphene.String())

    @staticmethod
    @permission_required(Permission.MANAGE_MEMBERS)
    def resolve_members(root, info, cooperative=None, search="", status=None, active=None,
                        **kwargs):
        return selectors.member_search(require_cooperative(info, cooperative), search or "",
                                       active=active, status=enum_value(status))

    @staticmethod
    def resolve_member(root, info, id):
        return find_node(info, id, MemberNode)

    @staticmethod
    @permission_required(Permission.MANAGE_MEMBERS)
    def resolve_member_imports(root, info, cooperative=None, **kwargs):
        return MemberImport.objects.of(require_cooperative(info, cooperative))

import base64

import graphene
from graphene import relay
from query_optimizer import DjangoObjectType

from backend.accounts.permissions import Permission
from backend.graphql.core.connections import CountableConnection, DjangoConnectionField
from backend.graphql.core.ids import node_for
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import (
    authenticated_user,
    permission_required,
    require_cooperative,
)
from backend.graphql.core.visibility import StaffOnly

from ..models import ShuCalculation, ShuShare
from ..selectors import members_visible_to, membership_of
from ..services.patronage import patronage_totals, shu_calculate, shu_export
from .errors import MemberError


class PatronageReport(graphene.ObjectType):
    year = graphene.Int(required=True)
    member_purchases = graphene.BigInt(required=True, description="Whole rupiah.")
    non_member_sales = graphene.BigInt(required=True, description="Whole rupiah.")
    members_with_purchases = graphene.Int(required=True)


class ShuShareNode(DjangoObjectType):
    class Meta:
        model = ShuShare
        name = "ShuShare"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "member", "calculation", "purchases", "savings", "jasa_anggota",
                  "jasa_modal", "total")

    @classmethod
    def filter_queryset(cls, queryset, info):
        # A member sees their own share; the register's managers see all of them.
        return queryset.filter(member__in=members_visible_to(info.context.user))


class ShuCalculationNode(StaffOnly, DjangoObjectType):
    split = graphene.JSONString(required=True)
    shares = DjangoConnectionField(ShuShareNode)

    class Meta:
        model = ShuCalculation
        name = "ShuCalculation"
        interfaces = (relay.Node,)
        fields = ("id", "fiscal_year", "surplus", "split", "member_purchases", "member_savings",
                  "created_at", "shares")


class ShuQueries(graphene.ObjectType):
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


class ShuCalculate(BaseMutation):
    calculation = graphene.Field(ShuCalculationNode)

    class Arguments:
        cooperative = graphene.String()
        year = graphene.Int(required=True)
        surplus = graphene.BigInt(required=True, description="The year's SHU in whole rupiah.")
        reserve_percent = graphene.Decimal(required=True)
        jasa_anggota_percent = graphene.Decimal(required=True)
        jasa_modal_percent = graphene.Decimal(required=True)
        other_percent = graphene.Decimal(required=True,
                                         description="Management, staff, education, social...")
        include_voluntary_savings = graphene.Boolean(required=True, default_value=False)

    class Meta:
        description = "Share the year's surplus out to members by purchases and savings."
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def perform_mutation(cls, root, info, year, surplus, reserve_percent, jasa_anggota_percent,
                         jasa_modal_percent, other_percent, cooperative=None,
                         include_voluntary_savings=False):
        calculation = shu_calculate(
            cls.get_cooperative(info, cooperative=cooperative), info.context.user, year=year,
            surplus=surplus, include_voluntary_savings=include_voluntary_savings,
            percents={"reserve": reserve_percent, "jasa_anggota": jasa_anggota_percent,
                      "jasa_modal": jasa_modal_percent, "other": other_percent})
        return cls(calculation=calculation, errors=[])


class ShuExport(BaseMutation):
    filename = graphene.String()
    content_type = graphene.String()
    content = graphene.String(description="The file, base64-encoded.")

    class Arguments:
        id = graphene.ID(required=True)
        format = graphene.String(required=True, default_value="csv", description="csv or xlsx")

    class Meta:
        error_type = MemberError
        permission = Permission.MANAGE_MEMBERS

    @classmethod
    def get_cooperative(cls, info, **data):
        return node_for(info, data["id"], ShuCalculationNode).cooperative

    @classmethod
    def perform_mutation(cls, root, info, id, format="csv"):
        calculation = node_for(info, id, ShuCalculationNode)
        filename, content_type, content = shu_export(calculation, format)
        return cls(filename=filename, content_type=content_type,
                   content=base64.b64encode(content).decode(), errors=[])

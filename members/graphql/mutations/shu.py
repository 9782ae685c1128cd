"""SHU: calculate a year's shares and export them."""

import base64

import graphene

from backend.accounts.permissions import Permission
from backend.graphql.core.ids import node_for
from backend.graphql.core.mutations import BaseMutation

from ...services.patronage import shu_calculate, shu_export
from ..types import MemberError, ShuCalculationNode


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

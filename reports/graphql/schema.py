"""The reports domain's part of the root schema: the RAT pack job, the government report,
the statutes' SHU split and the operator's overview."""

import graphene
from graphene.types.generic import GenericScalar

from backend.accounts.permissions import Permission
from backend.error_codes import FileErrorCode
from backend.graphql.core.errors import error_code_enum, error_type
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.core.permissions import (
    operator_required,
    permission_required,
    require_cooperative,
)
from backend.jobs.graphql import JobType

from ..error_codes import ReportErrorCode as Codes
from ..services.government import government_report, operator_overview
from ..services.jobs import rat_pack_start
from ..services.rat import rat_check, report_settings_update

ReportErrorCode = error_code_enum("ReportErrorCode", Codes, FileErrorCode)
ReportError = error_type("ReportError", ReportErrorCode)


class ReportQueries(graphene.ObjectType):
    government_report = GenericScalar(
        cooperative=graphene.String(), year=graphene.Int(required=True),
        surplus=graphene.BigInt(required=True),
        description="The yearly figures for the Ministry of Cooperatives, in the shape "
                    "coop-mart/government-report/1 (README).")
    cooperatives_overview = GenericScalar(
        year=graphene.Int(required=True),
        description="Operator: every cooperative's counts and sums, no personal data.")

    @staticmethod
    @permission_required(Permission.VIEW_REPORTS)
    def resolve_government_report(root, info, year, surplus, cooperative=None):
        rat_check(year, surplus)
        return government_report(require_cooperative(info, cooperative), year,
                                 surplus=surplus)

    @staticmethod
    @operator_required
    def resolve_cooperatives_overview(root, info, year):
        return operator_overview(year)


class RatPackStart(BaseMutation):
    job = graphene.Field(JobType)

    class Arguments:
        cooperative = graphene.String()
        year = graphene.Int(required=True)
        surplus = graphene.BigInt(required=True, description="The year's SHU, whole rupiah.")

    class Meta:
        description = "Make the RAT pack (PDF and XLSX) in a worker; poll job(id:)."
        error_type = ReportError
        permission = Permission.VIEW_REPORTS

    @classmethod
    def perform_mutation(cls, root, info, year, surplus, cooperative=None):
        job = rat_pack_start(cls.get_cooperative(info, cooperative=cooperative),
                             info.context.user, year=year, surplus=surplus)
        return cls(job=JobType.of(job), errors=[])


class ShuPercentsSet(BaseMutation):
    ok = graphene.Boolean()

    class Arguments:
        cooperative = graphene.String()
        percents = GenericScalar(required=True, description='{"reserve": 40, '
                                 '"jasa_anggota": 25, "jasa_modal": 20, "board": 5, '
                                 '"staff": 5, "education": 2.5, "social": 2.5}')

    class Meta:
        description = "The statutes' split of the SHU; the parts add up to 100."
        error_type = ReportError
        permission = Permission.MANAGE_COOPERATIVE

    @classmethod
    def perform_mutation(cls, root, info, percents, cooperative=None):
        report_settings_update(cls.get_cooperative(info, cooperative=cooperative),
                               {"shu_percents": percents if isinstance(percents, dict)
                                else {}})
        return cls(ok=True, errors=[])


class ReportMutations(graphene.ObjectType):
    rat_pack_start = RatPackStart.Field()
    shu_percents_set = ShuPercentsSet.Field()

"""The cooperatives' error codes, declared once; the GraphQL enum CooperativeErrorCode is
made from this class."""

from enum import StrEnum


class CooperativeErrorCode(StrEnum):
    OPERATOR_ONLY = "operator_only"

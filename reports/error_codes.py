"""The reports domain's error codes, declared once."""

from enum import StrEnum


class ReportErrorCode(StrEnum):
    PERCENTS_NOT_100 = "percents_not_100"
    YEAR_OUT_OF_RANGE = "year_out_of_range"

"""The members domain's error codes, declared once. The GraphQL enum MemberErrorCode is made
from this class (members/graphql/errors.py)."""

from enum import StrEnum


class MemberErrorCode(StrEnum):
    INVALID_CODE = "invalid_code"
    CODE_EXPIRED = "code_expired"
    TOO_MANY_TRIES = "too_many_tries"
    ALREADY_LINKED = "already_linked"
    NOT_ELIGIBLE = "not_eligible"

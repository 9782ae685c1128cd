from backend.graphql.core.errors import error_code_enum, error_type

MemberErrorCode = error_code_enum("MemberErrorCode", (
    "INVALID_FILE", "MISSING_COLUMN", "INVALID_CODE", "CODE_EXPIRED", "TOO_MANY_TRIES",
    "ALREADY_LINKED", "NOT_ELIGIBLE", "TOO_MANY_REQUESTS",
))
MemberError = error_type("MemberError", MemberErrorCode)

from backend.error_codes import FileErrorCode
from backend.graphql.core.errors import error_code_enum, error_type

from ..error_codes import MemberErrorCode as Codes

MemberErrorCode = error_code_enum("MemberErrorCode", Codes, FileErrorCode)
MemberError = error_type("MemberError", MemberErrorCode)

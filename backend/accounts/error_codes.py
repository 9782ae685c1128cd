"""The accounts' error codes, declared once; the GraphQL enum AccountErrorCode is made from
this class. The PASSWORD_* codes are those of Django's password validators, the JWT_* codes
those of backend/accounts/jwt.py."""

from enum import StrEnum


class AccountErrorCode(StrEnum):
    INVALID_CREDENTIALS = "invalid_credentials"
    THROTTLED = "throttled"
    INVALID_PASSWORD = "invalid_password"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_TOO_COMMON = "password_too_common"
    PASSWORD_ENTIRELY_NUMERIC = "password_entirely_numeric"
    PASSWORD_TOO_SIMILAR = "password_too_similar"
    JWT_SIGNATURE_EXPIRED = "jwt_signature_expired"
    JWT_INVALID_TOKEN = "jwt_invalid_token"
    INVALID_TOKEN = "invalid_token"
    INVALID_CODE = "invalid_code"
    CODE_EXPIRED = "code_expired"
    TOO_MANY_TRIES = "too_many_tries"
    INVALID_REDIRECT_URL = "invalid_redirect_url"
    ALREADY_STAFF = "already_staff"
    LAST_MANAGER = "last_manager"

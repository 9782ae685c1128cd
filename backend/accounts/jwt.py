"""JSON Web Tokens for the API: a short-lived access token and a long-lived refresh token.

Each token carries the user's `jwt_token_key`; rotating that key (after a password
reset) invalidates every token issued before.
"""

from datetime import UTC, datetime

import jwt
from django.conf import settings
from django.utils.translation import gettext as _

from .models import User

ALGORITHM = "HS256"
ISSUER = "coop-mart"
ACCESS = "access"
REFRESH = "refresh"


class TokenError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _encode(user: User, token_type: str, lifetime) -> str:
    now = datetime.now(UTC)
    payload = {
        "iss": ISSUER,
        "sub": str(user.pk),
        "type": token_type,
        "key": user.jwt_token_key,
        "iat": now,
        "exp": now + lifetime,
    }
    return jwt.encode(payload, settings.SECRET_KEY, algorithm=ALGORITHM)


def create_access_token(user: User) -> str:
    return _encode(user, ACCESS, settings.JWT_ACCESS_TTL)


def create_refresh_token(user: User) -> str:
    return _encode(user, REFRESH, settings.JWT_REFRESH_TTL)


def user_from_token(token: str, expected_type: str = ACCESS) -> User:
    """The active user the token was issued to, or TokenError."""
    try:
        payload = jwt.decode(token, settings.SECRET_KEY, algorithms=[ALGORITHM], issuer=ISSUER,
                             options={"require": ["exp", "iat", "sub", "type", "key"]})
    except jwt.ExpiredSignatureError:
        raise TokenError("JWT_SIGNATURE_EXPIRED",
                         _("Your session has expired. Sign in again.")) from None
    except jwt.PyJWTError:
        raise TokenError("JWT_INVALID_TOKEN", _("The sign-in token is invalid.")) from None
    if payload["type"] != expected_type:
        raise TokenError("JWT_INVALID_TOKEN", _("This kind of token cannot be used here."))
    user = User.objects.filter(pk=payload["sub"], is_active=True).first()
    if user is None or user.jwt_token_key != payload["key"]:
        raise TokenError("JWT_INVALID_TOKEN",
                         _("The sign-in token is no longer valid. Sign in again."))
    return user


def token_expires_at(token: str) -> datetime:
    payload = jwt.decode(token, options={"verify_signature": False})
    return datetime.fromtimestamp(payload["exp"], UTC)

"""Encryption at rest for personal data such as NIK (UU PDP 27/2022).

Keys come from PERSONAL_DATA_KEYS (comma-separated Fernet keys, newest first, so a key can be
rotated); without it, one key is derived from SECRET_KEY. Lookups use a keyed hash, so equal
values can be found without decrypting anything.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    keys = [k.strip() for k in settings.PERSONAL_DATA_KEYS if k.strip()]
    if not keys:
        derived = hashlib.sha256(b"coop-mart personal data\0" + settings.SECRET_KEY.encode())
        keys = [base64.urlsafe_b64encode(derived.digest()).decode()]
    return MultiFernet([Fernet(k) for k in keys])


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode() if token else ""


def lookup_hash(value: str) -> str:
    """Keyed hash of a value, to find duplicates and matches without decrypting."""
    if not value:
        return ""
    keys = [k.strip() for k in settings.PERSONAL_DATA_KEYS if k.strip()]
    # The oldest key stays until every value is re-encrypted, so hashes stay stable.
    secret = keys[-1] if keys else settings.SECRET_KEY
    key = hashlib.sha256(b"coop-mart lookup\0" + secret.encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()

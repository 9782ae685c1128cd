"""Error codes the shared core raises; every domain's error enum carries them too.

A code is a `StrEnum` member: its value is the lowercase code a `ValidationError` carries
(Django's own convention, so `error.code == "invalid"` still reads naturally), its name is
what API clients see (`INVALID`). Each domain declares its own codes once, in
`<domain>/error_codes.py`, and its GraphQL enum is made from that class
(`backend.graphql.core.errors.error_code_enum`).
"""

from enum import StrEnum


class CommonErrorCode(StrEnum):
    """Raised by the core for any domain: missing, malformed, duplicate or unknown input, an
    object still in use, too many requests (backend/ratelimit.py), a GraphQL-level problem."""

    REQUIRED = "required"
    INVALID = "invalid"
    UNIQUE = "unique"
    NOT_FOUND = "not_found"
    IN_USE = "in_use"
    TOO_MANY_REQUESTS = "too_many_requests"
    GRAPHQL_ERROR = "graphql_error"


class FileErrorCode(StrEnum):
    """Raised by the shared upload, spreadsheet and photo readers; the enum of a mutation
    that takes files carries these too."""

    INVALID_FILE = "invalid_file"
    FILE_TOO_LARGE = "file_too_large"
    MISSING_COLUMN = "missing_column"
    INVALID_IMAGE = "invalid_image"
    TOO_MANY_PIXELS = "too_many_pixels"

"""Codes of the messaging domain: why a message was not sent (kept on its log row as
`last_error_code`) and what a bad webhook or setting gets."""

from enum import StrEnum


class MessagingErrorCode(StrEnum):
    OPTED_OUT = "opted_out"
    RATE_LIMITED = "rate_limited"
    NO_CHANNEL = "no_channel"
    PROVIDER_REFUSED = "provider_refused"
    PROVIDER_UNAVAILABLE = "provider_unavailable"
    INTERRUPTED = "interrupted"
    INVALID_SIGNATURE = "invalid_signature"
    UNKNOWN_TEMPLATE = "unknown_template"
    MISSING_VARIABLE = "missing_variable"

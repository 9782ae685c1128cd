"""One interface for every gateway: start a charge for a method, ask a charge's state, give
money back, and tell a genuine notification from a forged one. Providers know nothing of
the database: they get what they need in plain values and answer in plain values."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime


class BadSignature(Exception):
    """A notification that is not from the gateway (or is broken)."""


class GatewayUnavailable(Exception):
    """The gateway could not be reached or refused the call."""

    def __init__(self, message: str = "", *, declined: bool = False):
        super().__init__(message)
        self.declined = declined


@dataclass(frozen=True)
class ChargeRequest:
    reference: str  # our id, sent to the gateway (order_id / external_id)
    method: str
    amount: int  # whole rupiah
    expires_at: datetime | None
    description: str = ""
    customer: dict = field(default_factory=dict)  # name, email, phone
    return_url: str = ""


@dataclass(frozen=True)
class Charge:
    provider_reference: str
    instructions: dict  # qr_string, va_number, bank, deeplink_url, redirect_url, ...
    expires_at: datetime | None = None


@dataclass(frozen=True)
class ChargeStatus:
    state: str  # an AttemptState value: pending, paid, expired, cancelled, refunded
    paid_amount: int = 0
    refunded: int = 0
    raw: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Notice:
    """What a verified notification names: its id (to record it once) and our reference."""

    event_id: str
    reference: str
    payload: dict


class ManualRefundOnly(Exception):
    """A provider with no refund of its own: the cooperative hands the money back and the
    refund is recorded as manual (services never ask it: no method is in refundable_methods)."""


class PaymentProvider(ABC):
    name: str = ""
    methods: frozenset = frozenset()
    refundable_methods: frozenset = frozenset()

    @abstractmethod
    def create_charge(self, request: ChargeRequest) -> Charge: ...

    @abstractmethod
    def fetch_status(self, reference: str, provider_reference: str) -> ChargeStatus: ...

    @abstractmethod
    def refund(self, reference: str, provider_reference: str, amount: int, *,
               key: str, reason: str = "") -> str:
        """Give `amount` back; returns the gateway's refund id."""

    @abstractmethod
    def verify_webhook(self, body: bytes, headers) -> Notice:
        """The notification's id and reference, or BadSignature."""

    def cancel(self, reference: str, provider_reference: str) -> None:
        """Stop a charge that was replaced by another (best effort)."""
        return None

    def fee(self, method: str, amount: int) -> int:
        """The gateway's fee for a charge of `amount` (its published price list)."""
        return 0

"""How payments tells the domain that owns a payable what happened to its money. A higher
floor (orders now; till and savings later) registers its handler at start-up in its
AppConfig.ready; payments never imports it."""

from abc import ABC, abstractmethod


class PayableHandler(ABC):
    @abstractmethod
    def paid(self, attempt) -> bool:
        """The attempt's money is in. Return False when the payable cannot take it any more
        (cancelled, or already paid another way): the attempt is then held for a manager."""

    @abstractmethod
    def expired(self, attempt) -> None:
        """The attempt can no longer be paid (expired or cancelled by the gateway)."""


_handlers: dict[str, PayableHandler] = {}


def payable_register(kind: str, handler: PayableHandler) -> None:
    _handlers[kind] = handler


def payable_handler(kind: str) -> PayableHandler:
    return _handlers[kind]

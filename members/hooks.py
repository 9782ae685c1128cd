"""What higher floors tell the member register, through functions they register at start-up
(their AppConfig.ready): members never imports them.

- The dues provider (savings/): the date a member's mandatory savings are paid until, derived
  from the savings ledger. Without one, the register's own "wajib s/d" column is used.
- Register listeners (savings/): told which members an applied register import created or
  changed, so the imported savings balances become ledger entries.
"""

import datetime
from collections.abc import Callable

_dues_provider: Callable | None = None
_register_listeners: list[Callable] = []


def dues_provider_register(provider: Callable) -> None:
    """`provider(member, today) -> date | None`: paid until (None: dues not tracked)."""
    global _dues_provider
    _dues_provider = provider


def dues_paid_until(member, today: datetime.date) -> datetime.date | None:
    if _dues_provider is None:
        return member.dues_paid_until
    return _dues_provider(member, today)


def register_listener_add(listener: Callable) -> None:
    """`listener(cooperative, member_numbers, actor)` after an import is applied, inside its
    transaction (a failing listener undoes the import)."""
    if listener not in _register_listeners:
        _register_listeners.append(listener)


def register_applied(cooperative, member_numbers: list[str], actor=None) -> None:
    for listener in _register_listeners:
        listener(cooperative, member_numbers, actor)

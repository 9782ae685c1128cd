"""The kinds of job there are. A domain registers each of its kinds at start-up (from its
AppConfig.ready): the runner, and the permission that lets staff see such jobs. The jobs
app never imports the domains."""

from collections.abc import Callable
from dataclasses import dataclass, field

from .models import Job


@dataclass
class JobOutcome:
    result: dict
    errors: list[dict] = field(default_factory=list)  # [{row, field, message}]


Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class JobKind:
    name: str
    run: Callable[[Job, Progress], JobOutcome]
    permission: str  # staff with it in the job's cooperative may see the job


_KINDS: dict[str, JobKind] = {}


def job_kind_register(name: str, run: Callable[[Job, Progress], JobOutcome],
                      permission: str) -> None:
    _KINDS[name] = JobKind(name, run, permission)


def job_kind(name: str) -> JobKind | None:
    return _KINDS.get(name)

"""Plans: recurring rules that produce breaks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from breakwell.domain.breaks import Mode, Strictness
from breakwell.domain.errors import InvalidInput
from breakwell.domain.recurrence import Recurrence

MAX_NAME = 80


def check_name(name: str) -> str:
    clean = name.strip()
    if "\n" in clean or "\r" in clean or len(clean) > MAX_NAME:
        raise InvalidInput(f"a plan's name is one line of at most {MAX_NAME} characters")
    return clean


@dataclass(frozen=True)
class Plan:
    recurrence: Recurrence
    platforms: tuple[str, ...]
    mode: Mode = Mode.UNPLUG
    strictness: Strictness = Strictness.GENTLE
    name: str = ""
    # The IANA zone whose wall clock the rule follows, such as Europe/Berlin.
    timezone: str = "UTC"
    paused: bool = False
    id: int | None = None
    # Occurrences that began before the plan existed are never made into breaks.
    created_at: datetime | None = None

    @property
    def label(self) -> str:
        return f"plan #{self.id}" if self.id is not None else "the plan"

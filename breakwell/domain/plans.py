"""Plans: recurring rules that produce breaks."""

from __future__ import annotations

from dataclasses import dataclass

from breakwell.domain.breaks import Mode, Strictness
from breakwell.domain.recurrence import Recurrence


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

    @property
    def label(self) -> str:
        return f"plan #{self.id}" if self.id is not None else "the plan"

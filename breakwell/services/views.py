"""What services hand back: plain, immutable snapshots, never database rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from breakwell.domain.breaks import Break
from breakwell.domain.entries import Entry
from breakwell.domain.prompts import Answer, Phase


@dataclass(frozen=True)
class Status:
    now: datetime
    active: Break | None
    upcoming: tuple[Break, ...]
    awaiting_reflection: tuple[Break, ...]


@dataclass(frozen=True)
class StopOutcome:
    """The result of asking to end a break: ended, or a firm break's cool-down started."""

    item: Break
    ended: bool
    ready_at: datetime | None = None


@dataclass(frozen=True)
class BreakDetail:
    item: Break
    answers: tuple[Answer, ...]
    entries: tuple[Entry, ...]
    slips: int

    def answers_for(self, phase: Phase) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if a.phase is phase)

    def answer(self, key: str) -> Answer | None:
        return next((a for a in self.answers if a.prompt_key == key), None)

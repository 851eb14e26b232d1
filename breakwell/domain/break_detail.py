"""One break with everything that belongs to it: what `show` and the app's detail screen read."""

from __future__ import annotations

from breakwell.domain.breaks import Break
from breakwell.domain.entries import Entry
from breakwell.domain.prompts import Answer, Phase
from breakwell.domain.values import frozen


@frozen
class BreakDetail:
    item: Break
    answers: tuple[Answer, ...]
    entries: tuple[Entry, ...]
    slips: int

    def answers_for(self, phase: Phase) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if a.phase is phase)

    def answer(self, key: str) -> Answer | None:
        return next((a for a in self.answers if a.prompt_key == key), None)

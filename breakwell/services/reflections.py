"""The questions before and after a break, and the person's answers to them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from breakwell.domain.breaks import Break, mark_reflected
from breakwell.domain.clock import Clock
from breakwell.domain.errors import InvalidInput
from breakwell.domain.prompts import Answer, Phase, Prompt, answer
from breakwell.domain.questions import asked
from breakwell.services.prompts import current_questions
from breakwell.services.records import record
from breakwell.services.timeline import Timeline
from breakwell.store import Database
from breakwell.store import answers as answer_store
from breakwell.store import breaks as break_store


class ReflectionService:
    def __init__(self, database: Database, clock: Clock, timeline: Timeline) -> None:
        self._db = database
        self._clock = clock
        self._timeline = timeline

    def prompts(self, phase: Phase) -> tuple[Prompt, ...]:
        """The questions asked in a phase, in the person's order (services/prompts)."""
        with self._db.read() as session:
            return asked(current_questions(session), phase)

    def parse_answers(
        self, phase: Phase, raw: Mapping[str, str], now: datetime | None = None
    ) -> list[Answer]:
        """Validate answers given by question key; blank answers are skipped."""
        if not raw:
            return []
        moment = now or self._clock.now()
        prompts = {p.key: p for p in self.prompts(phase)}
        parsed: list[Answer] = []
        for key, value in raw.items():
            prompt = prompts.get(key)
            if prompt is None:
                known = ", ".join(prompts)
                raise InvalidInput(f"'{key}' is not asked {phase} a break; asked: {known}")
            item = answer(prompt, value, moment)
            if item is not None:
                parsed.append(item)
        return parsed

    def awaiting(self) -> list[Break]:
        with self._db.read() as session:
            return break_store.awaiting_reflection(session)

    def reflect(self, break_id: int, raw: Mapping[str, str]) -> Break:
        """Record the after-answers of an ended break and mark its reflection done."""
        now = self._clock.now()
        parsed = self.parse_answers(Phase.AFTER, raw, now)
        with self._db.write() as session:
            self._timeline.settle_in(session, now)
            item = break_store.get_break(session, break_id)
            done = mark_reflected(item, now)
            answer_store.save_answers(session, break_id, parsed)
            return record(session, item, done, now, self._timeline.device)

    def answers(self, break_id: int) -> list[Answer]:
        with self._db.read() as session:
            break_store.get_break(session, break_id)
            return answer_store.answers_of_break(session, break_id)

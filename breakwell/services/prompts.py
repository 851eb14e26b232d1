"""The person's questions: listing them and every change to the list, for the command line,
the app and imports alike (the rules live in domain/questions)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlmodel import Session

from breakwell.domain import questions as rules
from breakwell.domain.clock import Clock
from breakwell.domain.prompts import Phase
from breakwell.domain.questions import Question
from breakwell.store import Database
from breakwell.store import prompts as store


def current_questions(session: Session) -> list[Question]:
    """The whole list, asked and retired, before-questions first."""
    return rules.arrange(store.prompt_records(session))


class PromptService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def all(self) -> list[Question]:
        with self._db.read() as session:
            return current_questions(session)

    def add(
        self,
        phase: Phase,
        kind: str,
        text: str,
        *,
        hint: str = "",
        choices: Iterable[str] = (),
        key: str | None = None,
    ) -> Question:
        wanted = tuple(choices)
        after = self._change(
            lambda items: rules.add(
                items, phase=phase, kind=kind, text=text, hint=hint, choices=wanted, key=key
            )
        )
        # A new question is asked last in its phase.
        return [q for q in after if q.phase is phase and q.active][-1]

    def reword(self, key: str, text: str, hint: str | None = None) -> Question:
        return rules.find(self._change(lambda items: rules.reword(items, key, text, hint)), key)

    def move(self, key: str, where: str) -> Question:
        return rules.find(self._change(lambda items: rules.move(items, key, where)), key)

    def retire(self, key: str) -> Question:
        return rules.find(self._change(lambda items: rules.retire(items, key)), key)

    def restore(self, key: str) -> Question:
        return rules.find(self._change(lambda items: rules.restore(items, key)), key)

    def _change(self, change: Callable[[list[Question]], list[Question]]) -> list[Question]:
        now = self._clock.now()
        with self._db.write() as session:
            after = change(current_questions(session))
            # The first change stores the whole list, built-in questions too: from then on the
            # stored rows are the list.
            store.save_prompts(session, rules.records_of(after, now))
        return after

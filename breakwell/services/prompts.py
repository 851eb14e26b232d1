"""The person's questions: listing them and every change to the list, for the command line,
the app and imports alike (the rules live in domain/questions)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlmodel import Session

from breakwell.domain import questions as rules
from breakwell.domain.clock import Clock
from breakwell.domain.prompts import Phase, Prompt
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

    def asked(self, phase: Phase) -> tuple[Prompt, ...]:
        """What is asked in `phase`, in the person's order."""
        return rules.asked(self.all(), phase)

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
        made: list[Question] = []

        def change(items: list[Question]) -> list[Question]:
            after = rules.add(
                items, phase=phase, kind=kind, text=text, hint=hint, choices=wanted, key=key
            )
            made.extend(q for q in after if q.key not in {i.key for i in items})
            return after

        self._change(change)
        return made[0]

    def reword(self, key: str, text: str, hint: str | None = None) -> Question:
        return self._change(lambda items: rules.reword(items, key, text, hint), key)

    def move(self, key: str, where: str) -> Question:
        return self._change(lambda items: rules.move(items, key, where), key)

    def retire(self, key: str) -> Question:
        return self._change(lambda items: rules.retire(items, key), key)

    def restore(self, key: str) -> Question:
        return self._change(lambda items: rules.restore(items, key), key)

    def _change(
        self, change: Callable[[list[Question]], list[Question]], key: str | None = None
    ) -> Question:
        now = self._clock.now()
        with self._db.write() as session:
            after = change(current_questions(session))
            # The first change stores the whole list, built-in questions too: from then on the
            # stored rows are the list.
            store.save_prompts(session, rules.records_of(after, now))
        return rules.find(after, key) if key is not None else after[0]

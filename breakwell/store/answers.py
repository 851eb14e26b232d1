"""Answers to the before and after questions of a break."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from breakwell.domain.prompts import Answer
from breakwell.store import break_rows
from breakwell.store.session_run import session_run
from breakwell.store.tables import AnswerRow


def save_answers(session: Session, break_id: int, answers: Iterable[Answer]) -> None:
    """Store answers; answering the same question again replaces the earlier answer."""
    given = {item.prompt_key: item for item in answers}
    if not given:
        return
    existing = {
        row.prompt_key: row
        for row in session.exec(
            select(AnswerRow).where(
                col(AnswerRow.break_id) == break_id, col(AnswerRow.prompt_key).in_(given)
            )
        )
    }
    for key, item in given.items():
        row = existing.get(key) or AnswerRow(
            break_id=break_id,
            prompt_key=key,
            phase=item.phase.value,
            kind=item.kind.value,
            question=item.question,
            value=item.value,
            answered_at=item.answered_at,
        )
        row.value, row.question, row.answered_at = item.value, item.question, item.answered_at
        session.add(row)
    session.flush()


def answers_of_break(session: Session, break_id: int) -> list[Answer]:
    return break_rows.answers_of(session_run(session), break_id)

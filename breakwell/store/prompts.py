"""The person's list of questions as stored: one row per question, built-in or their own."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from breakwell.domain.document import PromptRecord
from breakwell.store import records
from breakwell.store.tables import PromptRow


def prompt_records(session: Session) -> list[PromptRecord]:
    """Every stored question, asked or retired, in stored order."""
    rows = session.exec(select(PromptRow).order_by(col(PromptRow.position), col(PromptRow.id)))
    return [records.prompt_record(row) for row in rows]


def save_prompts(session: Session, wanted: Sequence[PromptRecord]) -> None:
    """Store the whole list: each question's row updated in place, or added."""
    rows = {row.key: row for row in session.exec(select(PromptRow))}
    for record in wanted:
        row = rows.get(record.key)
        if row is None:
            session.add(records.prompt_row(record))
            continue
        row.text, row.hint, row.choices = record.text, record.hint, list(record.choices)
        row.position, row.active = record.position, record.active
        session.add(row)
    session.flush()

"""The person's own questions, stored beside the built-in set."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from breakwell.domain.prompts import Phase, Prompt, PromptKind
from breakwell.store.tables import PromptRow


def active_prompts(session: Session) -> list[Prompt]:
    rows = session.exec(
        select(PromptRow)
        .where(col(PromptRow.active).is_(True))
        .order_by(col(PromptRow.position), col(PromptRow.id))
    )
    return [
        Prompt(
            key=row.key,
            phase=Phase(row.phase),
            kind=PromptKind(row.kind),
            text=row.text,
            hint=row.hint,
            choices=tuple(row.choices),
        )
        for row in rows
    ]


def add_prompt(session: Session, prompt: Prompt, now: datetime) -> None:
    session.add(
        PromptRow(
            key=prompt.key,
            phase=prompt.phase.value,
            kind=prompt.kind.value,
            text=prompt.text,
            hint=prompt.hint,
            choices=list(prompt.choices),
            created_at=now,
        )
    )
    session.flush()

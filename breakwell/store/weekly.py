"""Figures bounded to one window of time (a week), for the weekly review."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select

from breakwell.domain.breaks import BreakStatus
from breakwell.domain.entries import EntryKind
from breakwell.domain.prompts import Phase
from breakwell.store.tables import (
    AnswerRow,
    BreakRow,
    EntryPersonRow,
    EntryRow,
    EntryTagRow,
    SlipRow,
)

_TAKEN = (BreakStatus.ACTIVE.value, BreakStatus.COMPLETED.value, BreakStatus.ENDED_EARLY.value)


def spans_touching(
    session: Session, since: datetime, until: datetime
) -> list[tuple[int, str, datetime, datetime | None]]:
    """(id, status, began, ended) of every break taken that overlaps the window; a running
    break has no end yet."""
    began = func.coalesce(col(BreakRow.started_at), col(BreakRow.starts_at))
    rows = session.exec(
        select(BreakRow.id, BreakRow.status, began, BreakRow.ended_at)
        .where(
            col(BreakRow.status).in_(_TAKEN),
            began < until,
            func.coalesce(col(BreakRow.ended_at), until) > since,
        )
        .order_by(began, col(BreakRow.id))
    )
    return [(break_id or 0, status, start, end) for break_id, status, start, end in rows]


def slips_between(session: Session, since: datetime, until: datetime) -> int:
    statement = (
        select(func.count())
        .select_from(SlipRow)
        .where(col(SlipRow.occurred_at) >= since, col(SlipRow.occurred_at) < until)
    )
    return int(session.exec(statement).one())


def _in_observations(since: datetime, until: datetime) -> list[ColumnElement[bool]]:
    return [
        col(EntryRow.kind) == EntryKind.OBSERVATION.value,
        col(EntryRow.created_at) >= since,
        col(EntryRow.created_at) < until,
    ]


def _ranked(
    session: Session,
    column: Any,
    entry_id: Any,
    *,
    since: datetime,
    until: datetime,
    limit: int,
) -> list[tuple[str, int]]:
    uses = func.count().label("uses")
    rows = session.exec(
        select(column, uses)
        .join(EntryRow, col(EntryRow.id) == entry_id)
        .where(*_in_observations(since, until))
        .group_by(column)
        .order_by(uses.desc(), column)
        .limit(limit)
    )
    return [(name, int(count)) for name, count in rows]


def tags_between(
    session: Session, since: datetime, until: datetime, limit: int
) -> list[tuple[str, int]]:
    """The most used tags in the window's observations, most used first."""
    tag, entry_id = col(EntryTagRow.tag), col(EntryTagRow.entry_id)
    return _ranked(session, tag, entry_id, since=since, until=until, limit=limit)


def people_between(
    session: Session, since: datetime, until: datetime, limit: int
) -> list[tuple[str, int]]:
    """The people most often named in the window's observations."""
    person, entry_id = col(EntryPersonRow.person), col(EntryPersonRow.entry_id)
    return _ranked(session, person, entry_id, since=since, until=until, limit=limit)


def answers_between(
    session: Session, key: str, since: datetime, until: datetime
) -> list[tuple[int, datetime, str]]:
    """(break id, answered at, value) of after-answers to one question, oldest first."""
    rows = session.exec(
        select(AnswerRow.break_id, AnswerRow.answered_at, AnswerRow.value)
        .where(
            col(AnswerRow.prompt_key) == key,
            col(AnswerRow.phase) == Phase.AFTER.value,
            col(AnswerRow.answered_at) >= since,
            col(AnswerRow.answered_at) < until,
        )
        .order_by(col(AnswerRow.answered_at), col(AnswerRow.id))
    )
    return [(break_id, at, value) for break_id, at, value in rows]

"""Figures over many breaks at once, for the review screens.

Each function is one query however many breaks it covers, so a page of history costs the
same whether it lists five breaks or fifty.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from breakwell.domain.breaks import BreakStatus
from breakwell.domain.prompts import Phase, PromptKind
from breakwell.store.tables import AnswerRow, BreakRow, EntryRow, EntryTagRow, SlipRow

MOOD_BEFORE, MOOD_AFTER = "mood_before", "mood_after"
LEARNED = "learned"
_ENDED = (BreakStatus.COMPLETED.value, BreakStatus.ENDED_EARLY.value)


def _scale(value: str) -> int | None:
    # Scale answers are validated before they are stored; this only guards old or odd rows.
    return int(value) if value.isascii() and value.isdigit() else None


def moods(session: Session, break_ids: Collection[int]) -> dict[int, dict[str, int | None]]:
    """Per break, its mood answers by prompt key (mood_before, mood_after)."""
    if not break_ids:
        return {}
    rows = session.exec(
        select(AnswerRow.break_id, AnswerRow.prompt_key, AnswerRow.value).where(
            col(AnswerRow.break_id).in_(list(break_ids)),
            col(AnswerRow.prompt_key).in_((MOOD_BEFORE, MOOD_AFTER)),
            col(AnswerRow.kind) == PromptKind.SCALE.value,
        )
    )
    found: dict[int, dict[str, int | None]] = {}
    for break_id, key, value in rows:
        found.setdefault(break_id, {})[key] = _scale(value)
    return found


def entry_counts(session: Session, break_ids: Collection[int]) -> dict[int, int]:
    if not break_ids:
        return {}
    rows = session.exec(
        select(EntryRow.break_id, func.count())
        .where(col(EntryRow.break_id).in_(list(break_ids)))
        .group_by(col(EntryRow.break_id))
    )
    return {break_id: int(count) for break_id, count in rows if break_id is not None}


def slip_counts(session: Session, break_ids: Collection[int]) -> dict[int, int]:
    if not break_ids:
        return {}
    rows = session.exec(
        select(SlipRow.break_id, func.count())
        .where(col(SlipRow.break_id).in_(list(break_ids)))
        .group_by(col(SlipRow.break_id))
    )
    return {break_id: int(count) for break_id, count in rows}


def ended_spans(session: Session, since: datetime) -> list[tuple[datetime, datetime]]:
    """(began, ended) of completed and early-ended breaks that began at or after `since`."""
    began = func.coalesce(col(BreakRow.started_at), col(BreakRow.starts_at))
    ended = func.coalesce(col(BreakRow.ended_at), col(BreakRow.ends_at))
    rows = session.exec(
        select(began, ended).where(col(BreakRow.status).in_(_ENDED), began >= since)
    )
    return [(start, end) for start, end in rows]


def status_counts(session: Session) -> dict[str, int]:
    rows = session.exec(
        select(BreakRow.status, func.count())
        .where(col(BreakRow.status).in_(_ENDED))
        .group_by(col(BreakRow.status))
    )
    return {status: int(count) for status, count in rows}


def mood_pairs(session: Session, limit: int) -> list[tuple[int, int, int]]:
    """(break id, mood before, mood after) of the most recent breaks with both, newest first."""
    before, after = aliased(AnswerRow), aliased(AnswerRow)
    rows = session.exec(
        select(BreakRow.id, before.value, after.value)
        .join(before, col(before.break_id) == col(BreakRow.id))
        .join(after, col(after.break_id) == col(BreakRow.id))
        .where(
            col(before.prompt_key) == MOOD_BEFORE,
            col(before.kind) == PromptKind.SCALE.value,
            col(after.prompt_key) == MOOD_AFTER,
            col(after.kind) == PromptKind.SCALE.value,
        )
        .order_by(col(BreakRow.starts_at).desc(), col(BreakRow.id).desc())
        .limit(limit)
    )
    pairs = []
    for break_id, raw_before, raw_after in rows:
        mood_before, mood_after = _scale(raw_before), _scale(raw_after)
        if break_id is not None and mood_before is not None and mood_after is not None:
            pairs.append((break_id, mood_before, mood_after))
    return pairs


def top_tags(session: Session, limit: int) -> list[tuple[str, int]]:
    count = func.count().label("uses")
    rows = session.exec(
        select(EntryTagRow.tag, count)
        .group_by(col(EntryTagRow.tag))
        .order_by(count.desc(), col(EntryTagRow.tag))
        .limit(limit)
    )
    return [(tag, int(uses)) for tag, uses in rows]


def answers_to(session: Session, key: str, limit: int) -> list[tuple[int, datetime, str]]:
    """(break id, answered at, value) of the after-answers to one question, newest first."""
    rows = session.exec(
        select(AnswerRow.break_id, AnswerRow.answered_at, AnswerRow.value)
        .where(col(AnswerRow.prompt_key) == key, col(AnswerRow.phase) == Phase.AFTER.value)
        .order_by(col(AnswerRow.answered_at).desc(), col(AnswerRow.id).desc())
        .limit(limit)
    )
    return [(break_id, at, value) for break_id, at, value in rows]

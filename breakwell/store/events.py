"""The event log: what happened, in order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from breakwell.domain.events import Event, EventKind
from breakwell.store import event_rows, writes
from breakwell.store.event_rows import EMERGENCY
from breakwell.store.session_run import session_moment, session_run
from breakwell.store.tables import EventRow


def add_event(session: Session, event: Event) -> Event:
    return writes.insert_event(session_run(session), event, session_moment(session))


def _to_domain(row: EventRow) -> Event:
    return Event(
        id=row.id,
        at=row.at,
        kind=EventKind(row.kind),
        break_id=row.break_id,
        device=row.device,
        detail=row.detail,
    )


def recent_events(
    session: Session,
    limit: int,
    break_id: int | None = None,
    kinds: Sequence[EventKind] = (),
) -> list[Event]:
    """Newest first."""
    query = select(EventRow).order_by(col(EventRow.id).desc()).limit(limit)
    if break_id is not None:
        query = query.where(col(EventRow.break_id) == break_id)
    if kinds:
        query = query.where(col(EventRow.kind).in_([k.value for k in kinds]))
    return [_to_domain(row) for row in session.exec(query)]


def events_after(session: Session, after_id: int, limit: int = 200) -> list[Event]:
    """Oldest first, for working through what has happened since `after_id`."""
    query = (
        select(EventRow).where(col(EventRow.id) > after_id).order_by(col(EventRow.id)).limit(limit)
    )
    return [_to_domain(row) for row in session.exec(query)]


def last_event_id(session: Session) -> int:
    latest = session.exec(select(func.max(EventRow.id))).one()
    return int(latest or 0)


def emergency_unblocked(session: Session, break_ids: Sequence[int]) -> bool:
    """Whether the person removed the block in an emergency during one of these breaks."""
    if not break_ids:
        return False
    query = select(EventRow.id).where(
        col(EventRow.kind) == EventKind.BLOCK_REMOVED.value,
        col(EventRow.detail) == EMERGENCY,
        col(EventRow.break_id).in_(list(break_ids)),
    )
    return session.exec(query.limit(1)).first() is not None


def emergency_unblocked_at(session: Session, break_id: int) -> datetime | None:
    """When the person first removed the block in an emergency during this break, if ever."""
    return event_rows.emergency_unblocked_at(session_run(session), break_id)


def latest_of(session: Session, kinds: Sequence[EventKind], device: str) -> Event | None:
    """The newest event of these kinds this device recorded."""
    return event_rows.latest_of(session_run(session), kinds, device)

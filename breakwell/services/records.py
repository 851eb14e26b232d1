"""Saving a break and logging what the change amounts to, in one transaction.

Because the event is written with the state change and only when the state changed, a
transition is logged exactly once however many processes (or devices) see it come due.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from breakwell.domain.breaks import Break, with_blocks
from breakwell.domain.events import Event, EventKind, break_changes
from breakwell.store import breaks as break_store
from breakwell.store.events import add_event


def record(session: Session, before: Break, after: Break, now: datetime, device: str) -> Break:
    if set(after.platforms) - set(before.platforms):
        # Grown by a merge: it keeps blocking what the platforms it took on block now.
        after = _kept_blocks(session, after)
    saved = break_store.save_break(session, after, now)
    for kind in break_changes(before, after):
        add_event(session, Event(now, kind, saved.id, device, _detail(kind, after)))
    return saved


def record_new(session: Session, item: Break, now: datetime, device: str) -> Break:
    """Store a new break, keeping from now on the domains it blocks."""
    saved = break_store.add_break(session, _kept_blocks(session, item), now)
    for kind in break_changes(None, saved):
        add_event(session, Event(now, kind, saved.id, device))
    return saved


def _kept_blocks(session: Session, item: Break) -> Break:
    return with_blocks(item, break_store.stored_platforms(session, item.platforms))


def _detail(kind: EventKind, after: Break) -> str:
    if kind in {EventKind.BREAK_ENDED_EARLY, EventKind.BREAK_END_REQUESTED}:
        return after.end_reason or ""
    return ""

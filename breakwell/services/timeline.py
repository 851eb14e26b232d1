"""Applying the transitions that time brings: the one place breaks start, complete or are missed.

Every service settles before it reads or writes, so what a person sees is true even when no
enforcer was running when a break came due.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from breakwell.domain import breaks as rules
from breakwell.domain.breaks import Break
from breakwell.domain.clock import Clock
from breakwell.services.records import record
from breakwell.store import Database
from breakwell.store import breaks as break_store


class Timeline:
    def __init__(self, database: Database, clock: Clock, device: str) -> None:
        self._db = database
        self._clock = clock
        self.device = device

    def settle(self) -> list[Break]:
        """Apply due transitions; reads only, unless something is actually due."""
        now = self._clock.now()
        with self._db.read() as session:
            due = any(rules.settle(b, now) != b for b in break_store.open_breaks(session))
        if not due:
            return []
        with self._db.write() as session:
            return self.settle_in(session, now)

    def settle_in(self, session: Session, now: datetime) -> list[Break]:
        """Apply due transitions inside the caller's write transaction, checked against it."""
        changed = []
        for item in break_store.open_breaks(session):
            settled = rules.settle(item, now)
            if settled != item:
                changed.append(record(session, item, settled, now, self.device))
        return changed

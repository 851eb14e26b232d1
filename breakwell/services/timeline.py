"""Applying the transitions that time brings: the one place breaks start, complete or are missed.

Every write settles inside its own transaction, so it acts on breaks as they stand now. Reads
only read: the command line before it shows break state, the app at each refresh and the
engine at each pass settle once (`Services.settle`), so what a person sees is true even when
no enforcer was running when a break came due, and one transition is written by one thread.

No process ends a break on the word of its own clock alone. Before anything is settled, the
process's clock is compared with a reference it cannot bend (the database server's clock on
PostgreSQL, the kernel's on Linux): a clock more than CLOCK_TOLERANCE ahead of it settles only
what the reference says is due, so `faketime +2h breakwell status`, or one device whose clock
runs ahead, cannot end a running break early. A clock behind merely settles later. Where there
is no reference (a FakeClock, a system without /proc) the clock is trusted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session

from breakwell.domain import breaks as rules
from breakwell.domain.breaks import Break
from breakwell.domain.clock import Clock, TrustedTime
from breakwell.domain.durations import format_duration
from breakwell.domain.events import Event, EventKind
from breakwell.services.records import record
from breakwell.store import Database
from breakwell.store import breaks as break_store
from breakwell.store import events as event_store

log = logging.getLogger("breakwell.timeline")

# More than clocks drift between corrections or two synchronised devices disagree; far less
# than any break worth locking.
CLOCK_TOLERANCE = timedelta(minutes=2)
# A clock that keeps lying is noted in the event log once an hour per device, not per command.
UNTRUSTED_NOTE_EVERY = timedelta(hours=1)

Reference = Callable[[Session], TrustedTime | None]


class Timeline:
    def __init__(
        self, database: Database, clock: Clock, device: str, reference: Reference | None = None
    ) -> None:
        """`reference` reads the trusted clock inside a unit of work (the server's); without
        it the clock's own reference is used."""
        self._db = database
        self._clock = clock
        self.device = device
        self._reference: Reference = reference or (lambda _session: clock.reference())
        self._warned_at: datetime | None = None

    def settle(self) -> list[Break]:
        """Apply due transitions; reads only, unless something is actually due."""
        now = self._clock.now()
        with self._db.read() as session:
            open_breaks = break_store.open_breaks(session)
            if not rules.is_due(open_breaks, now):
                return []
            moment, untrusted = self._trusted_moment(session, now)
            # A lying clock is no reason to take the write lock, unless the reference too says
            # something is due or the lie is still to be noted.
            note = untrusted is not None and self._note_due(session, untrusted)
            if not note and not rules.is_due(open_breaks, moment):
                return []
        with self._db.write() as session:
            return self.settle_in(session, now)

    def settle_in(self, session: Session, now: datetime) -> list[Break]:
        """Apply due transitions inside the caller's write transaction, checked against it."""
        open_breaks = break_store.open_breaks(session)
        if not rules.is_due(open_breaks, now):
            return []
        moment, untrusted = self._trusted_moment(session, now)
        if untrusted is not None and self._note_due(session, untrusted):
            ahead = now - untrusted.at
            event_store.add_event(
                session,
                Event(
                    untrusted.at,
                    EventKind.CLOCK_UNTRUSTED,
                    None,
                    self.device,
                    f"{format_duration(ahead)} ahead of {untrusted.source}; "
                    "settled by that clock instead",
                ),
            )
        changed = []
        for item in open_breaks:
            settled = rules.settle(item, moment)
            if settled != item:
                changed.append(record(session, item, settled, moment, self.device))
        return changed

    def _trusted_moment(
        self, session: Session, now: datetime
    ) -> tuple[datetime, TrustedTime | None]:
        """The moment to settle as of, and the reference reading if it overruled `now`."""
        reference = self._reference(session)
        if reference is None:
            return now, None
        ahead = now - reference.at
        if ahead > CLOCK_TOLERANCE:
            self._warn(
                reference,
                f"this process's clock is {format_duration(ahead)} ahead of "
                f"{reference.source}; breaks are settled by {reference.source} instead",
            )
            return reference.at, reference
        if -ahead > CLOCK_TOLERANCE:
            # Harmless for breaks (nothing ends sooner), but what this process stamps is off.
            self._warn(
                reference,
                f"this process's clock is {format_duration(-ahead)} behind "
                f"{reference.source}; times it records will be early",
            )
        return now, None

    def _warn(self, reference: TrustedTime, message: str) -> None:
        last = self._warned_at
        if last is None or abs(reference.at - last) >= UNTRUSTED_NOTE_EVERY:
            self._warned_at = reference.at
            log.warning("%s", message)

    def _note_due(self, session: Session, reference: TrustedTime) -> bool:
        """Whether this device has not noted an untrusted clock within the last hour."""
        noted = event_store.recent_events(session, 20, None, [EventKind.CLOCK_UNTRUSTED])
        return not any(
            e.device == self.device and abs(reference.at - e.at) < UNTRUSTED_NOTE_EVERY
            for e in noted
        )

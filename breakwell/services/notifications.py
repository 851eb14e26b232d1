"""What this device has yet to tell the person, from whichever process it happened in.

The event log is shared by every process and device; each device keeps a cursor of what it
has told. The enforcer asks for what is due and sends it; what is older than NOTIFY_WINDOW is
never told, only passed over.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from breakwell.domain.breaks import Break
from breakwell.domain.clock import Clock
from breakwell.domain.events import Event
from breakwell.domain.notices import catch_up_summary, happened_at, message_for
from breakwell.domain.values import frozen
from breakwell.store import Database
from breakwell.store import breaks as break_store
from breakwell.store import devices as device_store
from breakwell.store import events as event_store

# Older news is never told, not even in a catch-up summary: it just moves the cursor on.
NOTIFY_WINDOW = timedelta(days=1)
# What happened this long before an enforcer's first delivery happened while none ran: it is
# summed up in one notification instead of replayed (a break started a moment before this
# enforcer was is still told as it comes).
CATCH_UP_MARGIN = timedelta(minutes=1)
PAGE = 200


@frozen
class Notice:
    title: str
    body: str
    break_id: int | None
    about: str


class NotificationService:
    def __init__(
        self, database: Database, clock: Clock, device: str, name_of: Callable[[str], str]
    ) -> None:
        self._db = database
        self._clock = clock
        self._device = device
        self._name_of = name_of

    def start_listening(self) -> None:
        """A device new to the journal is told what happens from now on, not its past."""
        with self._db.write() as session:
            device_store.notified_up_to(session, self._device, self._clock.now())

    def due(self, *, first: bool) -> list[Notice] | None:
        """What to tell now, moving the cursor past it; None when nothing is new.

        The first delivery of an enforcer (`first`) tells what happened while none ran in at
        most one summary and reads the whole backlog; later ones tell each event as it comes.
        """
        now = self._clock.now()
        with self._db.read() as session:
            # Read first: the usual answer is "nothing new", and a read takes no write lock.
            cursor = device_store.notified_up_to_now(session, self._device)
            if not event_store.events_after(session, cursor, limit=1):
                return None
        with self._db.write() as session:
            cursor = device_store.notified_up_to(session, self._device, now)
            news = last = event_store.events_after(session, cursor, limit=PAGE)
            # Catching up reads the whole backlog, so none of it is told later one by one.
            while first and len(last) == PAGE:
                last = event_store.events_after(session, last[-1].id or cursor, limit=PAGE)
                news = news + last
            if not news:
                return None
            device_store.set_notified(session, self._device, news[-1].id or cursor, now)
            items = break_store.breaks_by_id(
                session, {e.break_id for e in news if e.break_id is not None}
            )
        backlog: list[Event] = []
        live: list[tuple[Event, Break | None]] = []
        for event in news:
            item = items.get(event.break_id) if event.break_id is not None else None
            happened = happened_at(event, item)
            if now - happened > NOTIFY_WINDOW:
                continue
            if first and now - happened > CATCH_UP_MARGIN:
                backlog.append(event)
            else:
                live.append((event, item))
        notices: list[Notice] = []
        summary = catch_up_summary(backlog)
        if summary is not None:
            notices.append(Notice(*summary, None, "catch-up"))
        for event, item in live:
            message = message_for(event, item, self._name_of)
            if message is not None:
                notices.append(Notice(*message, event.break_id, event.kind.value))
        return notices

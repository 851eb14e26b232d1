"""Reading the event log: how a person (or a test) sees what happened and when."""

from __future__ import annotations

from collections.abc import Sequence

from breakwell.domain.errors import InvalidInput
from breakwell.domain.events import Event, EventKind
from breakwell.store import Database
from breakwell.store import events as event_store

MAX_EVENTS = 1000


class EventService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def recent(
        self, limit: int = 50, break_id: int | None = None, kinds: Sequence[str] = ()
    ) -> list[Event]:
        """Newest first; `kinds` are event kinds such as break.completed, or prefixes (block.)."""
        if not 1 <= limit <= MAX_EVENTS:
            raise InvalidInput(f"the limit must be between 1 and {MAX_EVENTS}")
        wanted = _resolve_kinds(kinds)
        with self._db.read() as session:
            return event_store.recent_events(session, limit, break_id, wanted)


def _resolve_kinds(names: Sequence[str]) -> list[EventKind]:
    wanted: list[EventKind] = []
    for name in names:
        matches = [k for k in EventKind if k.value == name or k.value.startswith(name + ".")]
        if not matches:
            known = ", ".join(sorted({k.value.split(".")[0] for k in EventKind}))
            raise InvalidInput(f"unknown event kind '{name}'; kinds start with: {known}")
        wanted.extend(matches)
    return wanted

"""Writing to the journal, logging slips, and finding entries again."""

from __future__ import annotations

from breakwell.domain import breaks as rules
from breakwell.domain.clock import Clock
from breakwell.domain.entries import (
    DeletedEntry,
    Entry,
    EntryKind,
    EntryQuery,
    checked_query,
    edited,
    new_entry,
    placed,
    slip_entry,
)
from breakwell.domain.errors import RuleRefused
from breakwell.domain.events import Event, EventKind
from breakwell.domain.values import frozen, replace
from breakwell.services.timeline import Timeline
from breakwell.settings import Settings
from breakwell.store import Database
from breakwell.store import breaks as break_store
from breakwell.store import entries as entry_store
from breakwell.store import slips as slip_store
from breakwell.store.events import add_event
from breakwell.store.platforms import ensure_platforms


@frozen
class Edited:
    """An entry after an edit; `changed` is False when the new text was the old one, and then
    nothing was written."""

    entry: Entry
    changed: bool


class JournalService:
    def __init__(
        self, database: Database, clock: Clock, settings: Settings, timeline: Timeline
    ) -> None:
        self._db = database
        self._clock = clock
        self._settings = settings
        self._timeline = timeline

    def write(
        self,
        text: str,
        *,
        kind: EntryKind | None = None,
        platform: str | None = None,
        break_id: int | None = None,
        attach: bool = True,
        mood: int | None = None,
    ) -> Entry:
        """Add an entry, linked to the running break unless told otherwise.

        Without a kind it is an observation during a break and a note outside one.
        """
        now = self._clock.now()
        draft = new_entry(now, text, kind or EntryKind.NOTE, mood=mood)
        found = self._settings.catalogue.resolve(platform) if platform else None
        with self._db.write() as session:
            # Settled in this transaction, so a refusal below also undoes the settling.
            self._timeline.settle_in(session, now)
            if break_id is not None:
                break_store.get_break(session, break_id)
            running = rules.running_breaks(break_store.open_breaks(session))
            draft = placed(
                draft,
                kind_given=kind is not None,
                break_id=break_id,
                attach=attach,
                running=running[0].id if running else None,
            )
            if found is not None:
                ensure_platforms(session, [found])
            return entry_store.add_entry(
                session, replace(draft, platform=found.id if found else None)
            )

    def slip(
        self, text: str | None = None, platform: str | None = None, *, break_id: int | None = None
    ) -> Entry | None:
        """Log giving in during the running break (`break_id`, when several run); with text,
        the slip is also an entry."""
        now = self._clock.now()
        draft = slip_entry(now, text)
        found = self._settings.catalogue.resolve(platform) if platform else None
        with self._db.write() as session:
            self._timeline.settle_in(session, now)
            active = rules.running_breaks(break_store.open_breaks(session))
            if not active or active[0].id is None:
                raise RuleRefused("no break is running, so there is nothing to slip from")
            if break_id is None:
                break_id = active[0].id
            elif break_id not in {b.id for b in active}:
                raise RuleRefused(f"break #{break_id} is not running, so nothing slips from it")
            platform_id = found.id if found else None
            if found is not None:
                ensure_platforms(session, [found])
            entry = None
            if draft is not None:
                entry = entry_store.add_entry(
                    session, replace(draft, break_id=break_id, platform=platform_id)
                )
            slip_store.add_slip(session, break_id, now, platform_id, entry.id if entry else None)
            slip = Event(
                now, EventKind.SLIP_LOGGED, break_id, self._timeline.device, platform_id or ""
            )
            add_event(session, slip)
            return entry

    def search(self, query: EntryQuery) -> list[Entry]:
        query = checked_query(query, self._settings.catalogue)
        with self._db.read() as session:
            return entry_store.find_entries(session, query)

    def get(self, entry_id: int) -> Entry:
        with self._db.read() as session:
            return entry_store.get_entry(session, entry_id)

    def edit(self, entry_id: int, text: str) -> Edited:
        """Rewrite an entry's text, checked as a new entry's is; its tags, people and index
        follow, and it shows as edited now. The same text again writes nothing."""
        now = self._clock.now()
        with self._db.write() as session:
            entry = entry_store.get_entry(session, entry_id)
            draft = edited(entry, text, now)
            if draft.text == entry.text:
                return Edited(entry, changed=False)
            entry_store.update_text(session, draft)
            return Edited(draft, changed=True)

    def delete(self, entry_id: int) -> DeletedEntry:
        """Delete an entry with its tags, people and index; what it was, to `restore` it.
        Slips it was the words of stay logged."""
        with self._db.write() as session:
            return entry_store.delete_entry(session, entry_id)

    def restore(self, deleted: DeletedEntry) -> Entry:
        """Put a deleted entry back as it was, under its own number."""
        with self._db.write() as session:
            return entry_store.restore_entry(session, deleted)

    def count(self, query: EntryQuery) -> int:
        """How many entries `query` finds in all, ignoring its limit and page."""
        query = checked_query(query, self._settings.catalogue)
        with self._db.read() as session:
            return entry_store.count_entries(session, query)

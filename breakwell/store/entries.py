"""Journal entries with their tags and people, and the queries that find them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from breakwell.domain.entries import DeletedEntry, Entry, EntryKind, EntryQuery
from breakwell.domain.errors import InvalidInput, NotFound, RuleRefused
from breakwell.store import entry_search, writes
from breakwell.store.session_run import session_dialect, session_run
from breakwell.store.tables import EntryRow


def add_entry(session: Session, entry: Entry) -> Entry:
    return writes.insert_entry(session_run(session), entry, _dialect(session).moment)


def get_entry(session: Session, entry_id: int) -> Entry:
    row = session.get(EntryRow, entry_id)
    if row is None:
        raise NotFound(f"there is no entry #{entry_id}")
    return _hydrate(session, [row])[0]


def update_text(session: Session, entry: Entry) -> None:
    writes.update_entry_text(session_run(session), entry, _dialect(session).moment)


def delete_entry(session: Session, entry_id: int) -> DeletedEntry:
    """Delete the entry; what it was, for putting it back."""
    row = session.get(EntryRow, entry_id)
    if row is None:
        raise NotFound(f"there is no entry #{entry_id}")
    entry = _hydrate(session, [row])[0]
    updated_at = row.updated_at
    # The row goes by plain SQL: the session must not write its copy back, nor keep it.
    session.expunge(row)
    slips = writes.delete_entry(session_run(session), entry_id)
    return DeletedEntry(entry=entry, updated_at=updated_at, slip_ids=slips)


def restore_entry(session: Session, deleted: DeletedEntry) -> Entry:
    entry = deleted.entry
    assert entry.id is not None
    if session.get(EntryRow, entry.id) is not None:
        raise RuleRefused(f"entry #{entry.id} cannot be put back: a new entry has taken its number")
    run = session_run(session)
    writes.restore_entry(run, entry, deleted.updated_at, deleted.slip_ids, _dialect(session).moment)
    return entry


def _to_domain(row: EntryRow, tags: tuple[str, ...], people: tuple[str, ...]) -> Entry:
    return Entry(
        id=row.id,
        created_at=row.created_at,
        kind=EntryKind(row.kind),
        text=row.text,
        break_id=row.break_id,
        platform=row.platform_id,
        mood=row.mood,
        tags=tags,
        people=people,
        edited_at=row.edited_at,
    )


def _hydrate(session: Session, rows: Sequence[EntryRow]) -> list[Entry]:
    tags, people = entry_search.labels(session_run(session), [row.id for row in rows if row.id])
    return [
        _to_domain(
            row,
            entry_search.in_text_order(row.text, tags[row.id or 0], "#"),
            entry_search.in_text_order(row.text, people[row.id or 0], "@"),
        )
        for row in rows
    ]


def _dialect(session: Session) -> entry_search.Dialect:
    dialect = session_dialect(session)
    if dialect is None:
        name = session.get_bind().dialect.name
        raise InvalidInput(f"full-text search is not available on {name} databases")
    return dialect


def find_entries(session: Session, query: EntryQuery) -> list[Entry]:
    return entry_search.find(session_run(session), query, _dialect(session))


def count_entries(session: Session, query: EntryQuery) -> int:
    return entry_search.count(session_run(session), query, _dialect(session))


def entries_of_break(session: Session, break_id: int) -> list[Entry]:
    """Every entry linked to a break, oldest first, as a break's story reads."""
    return entry_search.of_break(session_run(session), break_id)

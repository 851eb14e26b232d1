"""The SQL of the journal's small writes, run by whichever driver holds the transaction.

An entry (with its tags and people), a slip and an event are written by these statements both
through the ORM session and by the bare `sqlite3` quick path (store/quick_journal.py), so a row
reads the same whoever wrote it. The full-text index needs nothing here: SQLite's triggers and
PostgreSQL's generated column keep it in step with `entries` (store/fulltext.py).
`moment` turns a time into what the database compares (entry_search.Dialect.moment).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from breakwell.domain.entries import Entry
from breakwell.domain.events import Event
from breakwell.domain.values import replace
from breakwell.store.entry_search import Run

Moment = Callable[[datetime], Any]


def insert_entry(run: Run, entry: Entry, moment: Moment) -> Entry:
    """Add the entry and its labels; the entry as stored, with its id."""
    at = moment(entry.created_at)
    rows = run(
        "INSERT INTO entries (created_at, updated_at, kind, text, break_id, platform_id, mood) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (at, at, entry.kind.value, entry.text, entry.break_id, entry.platform, entry.mood),
    )
    entry_id = int(rows[0][0])
    _insert_labels(run, entry_id, entry)
    return replace(entry, id=entry_id)


def _insert_labels(run: Run, entry_id: int, entry: Entry) -> None:
    for tag in entry.tags:
        run("INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)", (entry_id, tag))
    for person in entry.people:
        run("INSERT INTO entry_people (entry_id, person) VALUES (?, ?)", (entry_id, person))


def _delete_labels(run: Run, entry_id: int) -> None:
    run("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
    run("DELETE FROM entry_people WHERE entry_id = ?", (entry_id,))


def update_entry_text(run: Run, entry: Entry, moment: Moment) -> None:
    """Store an edited entry's text, its labels read again, and when it was edited."""
    assert entry.id is not None and entry.edited_at is not None
    at = moment(entry.edited_at)
    run(
        "UPDATE entries SET text = ?, updated_at = ?, edited_at = ? WHERE id = ?",
        (entry.text, at, at, entry.id),
    )
    _delete_labels(run, entry.id)
    _insert_labels(run, entry.id, entry)


def delete_entry(run: Run, entry_id: int) -> tuple[int, ...]:
    """Remove the entry and its labels; the slips that logged it stay, unlinked. Their ids
    are returned, to link them again should the entry be put back."""
    slips = run("SELECT id FROM slips WHERE entry_id = ? ORDER BY id", (entry_id,))
    # Written out rather than left to ON DELETE, which SQLite keeps only with its pragma on.
    run("UPDATE slips SET entry_id = NULL WHERE entry_id = ?", (entry_id,))
    _delete_labels(run, entry_id)
    run("DELETE FROM entries WHERE id = ?", (entry_id,))
    return tuple(int(row[0]) for row in slips)


def restore_entry(
    run: Run, entry: Entry, updated_at: datetime, slip_ids: tuple[int, ...], moment: Moment
) -> None:
    """Put a deleted entry back under its own number, with its labels and slips."""
    assert entry.id is not None
    run(
        "INSERT INTO entries (id, created_at, updated_at, edited_at, kind, text, break_id, "
        "platform_id, mood) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.id,
            moment(entry.created_at),
            moment(updated_at),
            moment(entry.edited_at) if entry.edited_at else None,
            entry.kind.value,
            entry.text,
            entry.break_id,
            entry.platform,
            entry.mood,
        ),
    )
    _insert_labels(run, entry.id, entry)
    for slip_id in slip_ids:
        run("UPDATE slips SET entry_id = ? WHERE id = ? AND entry_id IS NULL", (entry.id, slip_id))


def insert_slip(
    run: Run,
    moment: Moment,
    *,
    break_id: int,
    occurred_at: datetime,
    platform: str | None,
    entry_id: int | None,
) -> int:
    rows = run(
        "INSERT INTO slips (occurred_at, break_id, platform_id, entry_id) "
        "VALUES (?, ?, ?, ?) RETURNING id",
        (moment(occurred_at), break_id, platform, entry_id),
    )
    return int(rows[0][0])


def insert_event(run: Run, event: Event, moment: Moment) -> Event:
    rows = run(
        "INSERT INTO events (at, kind, break_id, device, detail) VALUES (?, ?, ?, ?, ?) "
        "RETURNING id",
        (moment(event.at), event.kind.value, event.break_id, event.device, event.detail),
    )
    return replace(event, id=int(rows[0][0]))

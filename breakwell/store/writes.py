"""The SQL of the journal's small writes, run by whichever driver holds the transaction.

An entry (with its tags and people), a slip and an event are written by these statements both
through the ORM session and by the bare `sqlite3` quick path (store/quick_journal.py), so a row
reads the same whoever wrote it. The full-text index needs nothing here: SQLite's triggers and
PostgreSQL's generated column keep it in step with `entries` (store/fulltext.py).
`moment` turns a time into what the database compares (entry_search.Dialect.moment).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from breakwell.domain.entries import Entry
from breakwell.domain.events import Event
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
    for tag in entry.tags:
        run("INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)", (entry_id, tag))
    for person in entry.people:
        run("INSERT INTO entry_people (entry_id, person) VALUES (?, ?)", (entry_id, person))
    return replace(entry, id=entry_id)


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

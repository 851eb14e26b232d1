"""Journal entries with their tags and people, and the queries that find them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from breakwell.domain.entries import Entry, EntryKind, EntryQuery
from breakwell.domain.errors import InvalidInput, NotFound
from breakwell.store import entry_search
from breakwell.store.tables import EntryPersonRow, EntryRow, EntryTagRow


def add_entry(session: Session, entry: Entry) -> Entry:
    row = EntryRow(
        created_at=entry.created_at,
        updated_at=entry.created_at,
        kind=entry.kind.value,
        text=entry.text,
        break_id=entry.break_id,
        platform_id=entry.platform,
        mood=entry.mood,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    session.add_all(EntryTagRow(entry_id=row.id, tag=tag) for tag in entry.tags)
    session.add_all(EntryPersonRow(entry_id=row.id, person=person) for person in entry.people)
    session.flush()
    return _to_domain(row, entry.tags, entry.people)


def get_entry(session: Session, entry_id: int) -> Entry:
    row = session.get(EntryRow, entry_id)
    if row is None:
        raise NotFound(f"there is no entry #{entry_id}")
    return _hydrate(session, [row])[0]


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
    )


def _hydrate(session: Session, rows: Sequence[EntryRow]) -> list[Entry]:
    tags, people = entry_search.labels(_runner(session), [row.id for row in rows if row.id])
    return [
        _to_domain(
            row,
            entry_search.in_text_order(row.text, tags[row.id or 0], "#"),
            entry_search.in_text_order(row.text, people[row.id or 0], "@"),
        )
        for row in rows
    ]


def _runner(session: Session) -> entry_search.Run:
    # The search's statements mark parameters with `?`; psycopg wants `%s`.
    qmark = session.get_bind().dialect.paramstyle == "qmark"

    def run(statement: str, params: Sequence[Any]) -> Sequence[Sequence[Any]]:
        sql = statement if qmark else statement.replace("?", "%s")
        return session.connection().exec_driver_sql(sql, tuple(params)).all()

    return run


def find_entries(session: Session, query: EntryQuery) -> list[Entry]:
    name = session.get_bind().dialect.name
    dialect = entry_search.DIALECTS.get(name)
    if dialect is None:
        raise InvalidInput(f"full-text search is not available on {name} databases")
    return entry_search.find(_runner(session), query, dialect)


def entries_of_break(session: Session, break_id: int) -> list[Entry]:
    """Every entry linked to a break, oldest first, as a break's story reads."""
    rows = session.exec(
        select(EntryRow)
        .where(col(EntryRow.break_id) == break_id)
        .order_by(col(EntryRow.created_at), col(EntryRow.id))
    ).all()
    return _hydrate(session, rows)

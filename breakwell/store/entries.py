"""Journal entries with their tags and people, and the queries that find them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, exists, or_
from sqlmodel import Session, col, select

from breakwell.domain.entries import Entry, EntryKind, EntryQuery
from breakwell.domain.errors import NotFound
from breakwell.domain.markup import normalize_tag
from breakwell.store import fulltext
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
    ids = [row.id for row in rows]
    tags: dict[int, list[str]] = defaultdict(list)
    people: dict[int, list[str]] = defaultdict(list)
    if ids:
        for tag in session.exec(select(EntryTagRow).where(col(EntryTagRow.entry_id).in_(ids))):
            tags[tag.entry_id].append(tag.tag)
        for person in session.exec(
            select(EntryPersonRow).where(col(EntryPersonRow.entry_id).in_(ids))
        ):
            people[person.entry_id].append(person.person)
    # Tags come back in the order they were written, as the text itself holds them.
    return [
        _to_domain(
            row,
            _in_text_order(row.text, tags[row.id or 0], "#"),
            _in_text_order(row.text, people[row.id or 0], "@"),
        )
        for row in rows
    ]


def _in_text_order(text: str, names: list[str], sigil: str) -> tuple[str, ...]:
    lowered = text.lower()
    return tuple(sorted(names, key=lambda name: lowered.find(sigil + name)))


def _conditions(query: EntryQuery, dialect: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.text and query.text.strip():
        conditions.append(
            fulltext.matches(dialect, col(EntryRow.id), query.text, prefix=query.prefix)
        )
    for tag in query.tags:
        conditions.append(
            exists().where(
                col(EntryTagRow.entry_id) == col(EntryRow.id),
                col(EntryTagRow.tag) == normalize_tag(tag),
            )
        )
    for person in query.people:
        conditions.append(
            exists().where(
                col(EntryPersonRow.entry_id) == col(EntryRow.id),
                col(EntryPersonRow.person) == person.strip().lstrip("@").lower(),
            )
        )
    if query.platform is not None:
        conditions.append(col(EntryRow.platform_id) == query.platform)
    if query.kind is not None:
        conditions.append(col(EntryRow.kind) == query.kind.value)
    if query.break_id is not None:
        conditions.append(col(EntryRow.break_id) == query.break_id)
    if query.since is not None:
        conditions.append(col(EntryRow.created_at) >= query.since)
    if query.until is not None:
        conditions.append(col(EntryRow.created_at) < query.until)
    if query.before is not None:
        moment, entry_id = query.before
        conditions.append(
            or_(
                col(EntryRow.created_at) < moment,
                and_(col(EntryRow.created_at) == moment, col(EntryRow.id) < entry_id),
            )
        )
    return conditions


def find_entries(session: Session, query: EntryQuery) -> list[Entry]:
    dialect = session.get_bind().dialect.name
    statement = (
        select(EntryRow)
        .where(*_conditions(query, dialect))
        .order_by(col(EntryRow.created_at).desc(), col(EntryRow.id).desc())
        .limit(query.limit)
    )
    return _hydrate(session, session.exec(statement).all())


def entries_of_break(session: Session, break_id: int) -> list[Entry]:
    """Every entry linked to a break, oldest first, as a break's story reads."""
    rows = session.exec(
        select(EntryRow)
        .where(col(EntryRow.break_id) == break_id)
        .order_by(col(EntryRow.created_at), col(EntryRow.id))
    ).all()
    return _hydrate(session, rows)

"""The people named in the journal, with the why line each may have."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from breakwell.domain.people import Person
from breakwell.store.tables import EntryPersonRow, EntryRow, PersonRow


def people(session: Session) -> list[Person]:
    """Everyone written about, and anyone with a why line though no entry names them now;
    the most recently written about first."""
    person, entry_id = col(EntryPersonRow.person), col(EntryPersonRow.entry_id)
    mentions = session.exec(
        select(person, func.count(), func.max(col(EntryRow.created_at)))
        .join(EntryRow, col(EntryRow.id) == entry_id)
        .group_by(person)
    ).all()
    kept = whys(session)
    found = [Person(name, int(count), last, kept.get(name, "")) for name, count, last in mentions]
    named = {p.name for p in found}
    found += [Person(name, 0, None, why) for name, why in kept.items() if name not in named]
    return sorted(found, key=lambda p: (-_moment(p.last_mention), p.name))


def _moment(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else float("-inf")


def mentioned(session: Session, name: str) -> bool:
    hit = session.exec(select(EntryPersonRow.entry_id).where(col(EntryPersonRow.person) == name))
    return hit.first() is not None


def set_why(session: Session, name: str, why: str, now: datetime) -> None:
    """Keep the line; an empty one removes the row, so every row is a line kept."""
    row = session.get(PersonRow, name)
    if not why:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(PersonRow(name=name, why=why, created_at=now, updated_at=now))
    elif row.why != why:
        row.why, row.updated_at = why, now
        session.add(row)
    session.flush()


def whys(session: Session) -> dict[str, str]:
    """Every why line kept, by name."""
    return {row.name: row.why for row in session.exec(select(PersonRow)) if row.why}

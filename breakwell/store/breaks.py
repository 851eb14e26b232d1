"""Loading and saving breaks, mapped between table rows and the domain's Break."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from breakwell.domain.breaks import Break
from breakwell.domain.errors import NotFound
from breakwell.domain.platforms import Catalogue, Platform
from breakwell.store import break_rows
from breakwell.store.break_rows import to_break
from breakwell.store.session_run import session_run
from breakwell.store.tables import BreakPlatformRow, BreakRow, PlatformRow


def _to_domain(row: BreakRow, platforms: tuple[str, ...]) -> Break:
    return to_break(row, platforms)


def _copy_fields(item: Break, row: BreakRow) -> None:
    row.status = item.status.value
    row.mode = item.mode.value
    row.strictness = item.strictness.value
    row.starts_at = item.starts_at
    row.ends_at = item.ends_at
    row.intention = item.intention
    row.started_at = item.started_at
    row.ended_at = item.ended_at
    row.end_reason = item.end_reason
    row.end_requested_at = item.end_requested_at
    row.reflected_at = item.reflected_at
    row.plan_id = item.plan_id
    row.blocked_domains = list(item.blocks) if item.blocks is not None else None
    row.firm_cooldown_seconds = (
        round(item.cooldown.total_seconds()) if item.cooldown is not None else None
    )


def _hydrate(session: Session, rows: Sequence[BreakRow]) -> list[Break]:
    ids = [row.id for row in rows]
    platforms: dict[int, list[str]] = defaultdict(list)
    if ids:
        links = session.exec(
            select(BreakPlatformRow)
            .where(col(BreakPlatformRow.break_id).in_(ids))
            .order_by(col(BreakPlatformRow.break_id), col(BreakPlatformRow.position))
        )
        for link in links:
            platforms[link.break_id].append(link.platform_id)
    return [_to_domain(row, tuple(platforms[row.id or 0])) for row in rows]


def add_break(session: Session, item: Break, now: datetime) -> Break:
    row = BreakRow(
        status="",
        mode="",
        strictness="",
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        created_at=now,
        updated_at=now,
    )
    _copy_fields(item, row)
    session.add(row)
    session.flush()
    assert row.id is not None
    for position, platform_id in enumerate(item.platforms):
        session.add(BreakPlatformRow(break_id=row.id, platform_id=platform_id, position=position))
    session.flush()
    return _to_domain(row, item.platforms)


def save_break(session: Session, item: Break, now: datetime) -> Break:
    """Write a changed break back; platforms are rewritten only when they changed."""
    row = _row(session, item.id)
    before = _hydrate(session, [row])[0]
    if before == item:
        return item
    _copy_fields(item, row)
    row.updated_at = now
    session.add(row)
    if before.platforms != item.platforms:
        session.execute(delete(BreakPlatformRow).where(col(BreakPlatformRow.break_id) == row.id))
        for position, platform_id in enumerate(item.platforms):
            session.add(
                BreakPlatformRow(break_id=row.id or 0, platform_id=platform_id, position=position)
            )
    session.flush()
    return item


def _row(session: Session, break_id: int | None) -> BreakRow:
    row = session.get(BreakRow, break_id) if break_id is not None else None
    if row is None:
        raise NotFound(f"there is no break #{break_id}")
    return row


def get_break(session: Session, break_id: int) -> Break:
    return _hydrate(session, [_row(session, break_id)])[0]


def breaks_by_id(session: Session, break_ids: Collection[int]) -> dict[int, Break]:
    """The breaks that still exist among `break_ids`, in one query."""
    if not break_ids:
        return {}
    rows = session.exec(select(BreakRow).where(col(BreakRow.id).in_(list(break_ids)))).all()
    return {item.id: item for item in _hydrate(session, rows) if item.id is not None}


def open_breaks(session: Session) -> list[Break]:
    """Planned and active breaks, soonest first."""
    return break_rows.read_breaks(session_run(session), break_rows.OPEN)


def awaiting_reflection(session: Session, limit: int = break_rows.AWAITING_SHOWN) -> list[Break]:
    """Ended breaks whose after-questions have not been answered, the last to end first."""
    return break_rows.read_breaks(session_run(session), break_rows.AWAITING, (limit,))


def history(session: Session, limit: int, before_id: int | None = None) -> list[Break]:
    """Breaks newest first, a page at a time (pass the last id seen to get the next page)."""
    run = session_run(session)
    if before_id is None:
        return break_rows.read_breaks(run, break_rows.NEWEST, (limit,))
    _row(session, before_id)
    return break_rows.read_breaks(run, break_rows.OLDER, (before_id, limit))


def stored_platforms(session: Session, platform_ids: Collection[str]) -> Catalogue:
    """These platforms as the database holds them: as configured when they were last used
    (every break's and plan's platforms are stored, refreshed from the config, before it is)."""
    rows = session.exec(select(PlatformRow).where(col(PlatformRow.id).in_(list(platform_ids))))
    return Catalogue(
        Platform(row.id, row.name, tuple(row.domains), tuple(row.processes)) for row in rows
    )

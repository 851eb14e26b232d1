"""Slips: the honest record of giving in during a break."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from breakwell.store.tables import SlipRow


def add_slip(
    session: Session,
    break_id: int,
    occurred_at: datetime,
    platform: str | None,
    entry_id: int | None,
) -> int:
    row = SlipRow(
        break_id=break_id, occurred_at=occurred_at, platform_id=platform, entry_id=entry_id
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def count_slips(session: Session, break_id: int) -> int:
    statement = select(func.count()).select_from(SlipRow).where(col(SlipRow.break_id) == break_id)
    return int(session.exec(statement).one())

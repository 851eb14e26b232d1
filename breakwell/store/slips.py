"""Slips: the honest record of giving in during a break."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from breakwell.store import break_rows, writes
from breakwell.store.session_run import session_moment, session_run


def add_slip(
    session: Session,
    break_id: int,
    occurred_at: datetime,
    platform: str | None,
    entry_id: int | None,
) -> int:
    moment = session_moment(session)
    return writes.insert_slip(
        session_run(session),
        moment,
        break_id=break_id,
        occurred_at=occurred_at,
        platform=platform,
        entry_id=entry_id,
    )


def count_slips(session: Session, break_id: int) -> int:
    return break_rows.slip_count(session_run(session), break_id)

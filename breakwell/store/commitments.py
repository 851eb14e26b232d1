"""Commitments and the log of each time one was used."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from breakwell.domain.commitments import Commitment, CommitmentLog, Period
from breakwell.domain.errors import NotFound
from breakwell.store import commitment_rows
from breakwell.store.session_run import session_moment, session_run
from breakwell.store.tables import CommitmentLogRow, CommitmentRow


def _to_domain(row: CommitmentRow) -> Commitment:
    return Commitment(
        id=row.id,
        text=row.text,
        max_count=row.max_count,
        period=Period(row.period),
        created_at=row.created_at,
        archived_at=row.archived_at,
    )


def _log_to_domain(row: CommitmentLogRow) -> CommitmentLog:
    return CommitmentLog(row.commitment_id, row.logged_at, row.note, row.id)


def add_commitment(session: Session, item: Commitment, now: datetime) -> Commitment:
    row = CommitmentRow(
        text=item.text,
        max_count=item.max_count,
        period=item.period.value,
        created_at=item.created_at or now,
        archived_at=item.archived_at,
    )
    session.add(row)
    session.flush()
    return _to_domain(row)


def get_commitment(session: Session, commitment_id: int) -> Commitment:
    row = session.get(CommitmentRow, commitment_id)
    if row is None:
        raise NotFound(f"there is no commitment #{commitment_id}")
    return _to_domain(row)


def archive(session: Session, commitment_id: int, now: datetime) -> Commitment:
    row = session.get(CommitmentRow, commitment_id)
    if row is None:
        raise NotFound(f"there is no commitment #{commitment_id}")
    if row.archived_at is None:
        row.archived_at = now
        session.add(row)
        session.flush()
    return _to_domain(row)


def commitments(session: Session, *, archived: bool = False) -> list[Commitment]:
    return commitment_rows.read_commitments(session_run(session), archived=archived)


def add_log(session: Session, log: CommitmentLog) -> CommitmentLog:
    row = CommitmentLogRow(commitment_id=log.commitment_id, logged_at=log.logged_at, note=log.note)
    session.add(row)
    session.flush()
    return _log_to_domain(row)


def log_times(
    session: Session, ids: Sequence[int], since: datetime, until: datetime
) -> dict[int, list[datetime]]:
    """When each commitment was logged in the window, oldest first."""
    return commitment_rows.log_times(
        session_run(session), session_moment(session), ids, since, until
    )


def logs_of(session: Session, commitment_id: int, limit: int) -> list[CommitmentLog]:
    statement = (
        select(CommitmentLogRow)
        .where(col(CommitmentLogRow.commitment_id) == commitment_id)
        .order_by(col(CommitmentLogRow.logged_at).desc(), col(CommitmentLogRow.id).desc())
        .limit(limit)
    )
    return [_log_to_domain(row) for row in session.exec(statement)]

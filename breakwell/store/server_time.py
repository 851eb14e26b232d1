"""The clock a process's own clock answers to before time may end a break.

On PostgreSQL every device shares the server, so the server's clock is the one they all agree
with: a device whose clock runs ahead cannot end a break for the others. On SQLite the
journal is local, and the kernel's clock (read where a preloaded library cannot bend it) is
the reference.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from breakwell.domain.clock import SystemClock, TrustedTime


def server_now(session: Session) -> datetime | None:
    """The database server's own clock, where the database has one (PostgreSQL)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return None
    # clock_timestamp(), not now(): the moment of asking, not the transaction's start.
    moment = connection.exec_driver_sql("SELECT clock_timestamp()").scalar_one()
    assert isinstance(moment, datetime)
    return moment.astimezone(UTC)


def trusted_time(session: Session) -> TrustedTime | None:
    """The server's clock on PostgreSQL, otherwise the kernel's where it can be read."""
    moment = server_now(session)
    if moment is not None:
        return TrustedTime(moment, "the database server's clock")
    return SystemClock().reference()

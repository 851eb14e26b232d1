"""How a moment is kept in the database: UTC, and on SQLite naive text of fixed width.

Plain Python, so the ORM's column type and the bare sqlite3 search share one rule.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def stored_moment(moment: datetime) -> str:
    """A time as SQLAlchemy writes it into SQLite: UTC, naive, fixed width, so text compares."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def read_moment(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

"""The ORM session as a `Run`: the plain-SQL statements shared with the sqlite3 quick path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from breakwell.store.entry_search import DIALECTS, Dialect, Run


def session_run(session: Session) -> Run:
    # The shared statements mark parameters with `?`; psycopg wants `%s`.
    qmark = session.get_bind().dialect.paramstyle == "qmark"

    def run(statement: str, params: Sequence[Any]) -> Sequence[Sequence[Any]]:
        # Rows the session holds but has not written yet may be what a statement refers to.
        session.flush()
        sql = statement if qmark else statement.replace("?", "%s")
        result = session.connection().exec_driver_sql(sql, tuple(params))
        return result.all() if result.returns_rows else []

    return run


def session_dialect(session: Session) -> Dialect | None:
    return DIALECTS.get(session.get_bind().dialect.name)


def session_moment(session: Session) -> Callable[[datetime], Any]:
    """How this session's database takes a time: as SQLAlchemy's UTC column would write it."""
    dialect = session_dialect(session)
    return dialect.moment if dialect is not None else (lambda moment: moment.astimezone(UTC))

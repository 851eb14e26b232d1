"""Where a database URL points, and the one line that says why it could not be opened there.

Both opening a database and migrating it speak of its location, so these live apart from
either: the migrations need them without importing the module that runs the migrations.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from breakwell.store import postgresql


def sqlite_path(url: URL) -> Path | None:
    """The database file of a SQLite URL, or None for other dialects and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def describe_location(url: URL) -> str:
    return str(sqlite_path(url) or url.render_as_string(hide_password=True))


def describe_failure(url: URL, error: DBAPIError) -> str:
    detail = str(error.orig or error).strip()
    if url.get_backend_name() == "postgresql":
        return postgresql.explain(url, detail)
    first_line = detail.splitlines()[0] if detail else type(error).__name__
    return f"cannot open the database at {describe_location(url)}: {first_line}"

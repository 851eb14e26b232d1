"""Answering a journal search over the stdlib sqlite3 driver, before SQLAlchemy is imported.

A command such as `breakwell search` spends most of its time importing the ORM, not querying.
For the common case (the default SQLite file, already at the newest schema) it reads here and
answers at once; anything else (another database, a file not yet made or migrated, any driver
error) returns None, and the caller goes through the services, which create, migrate and
explain problems as every other command does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from breakwell.domain.entries import Entry, EntryQuery
from breakwell.store import entry_search
from breakwell.store.revision import HEAD_REVISION

_PREFIX = "sqlite:///"
BUSY_TIMEOUT_SECONDS = 5.0


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///` URL; None for anything this module should not read."""
    if not url.startswith(_PREFIX):
        return None
    rest = url.removeprefix(_PREFIX)
    # Options, escapes and in-memory databases are SQLAlchemy's to interpret.
    if not rest or rest == ":memory:" or any(mark in rest for mark in "?%#"):
        return None
    return Path(rest)


def search(url: str, query: EntryQuery) -> list[Entry] | None:
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error:
        return None
    try:
        if not _current(connection):
            return None

        def run(statement: str, params: Sequence[Any]) -> list[Any]:
            return connection.execute(statement, tuple(params)).fetchall()

        return entry_search.find(run, query)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _current(connection: sqlite3.Connection) -> bool:
    """At the newest schema and in WAL mode, as the migrations leave a database."""
    mode = connection.execute("PRAGMA journal_mode").fetchone()
    if not mode or str(mode[0]).lower() != "wal":
        return False
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return False
    return bool(row) and row[0] == HEAD_REVISION

"""Answering quick commands over the stdlib sqlite3 driver, before SQLAlchemy is imported.

A command such as `breakwell search` spends most of its time importing the ORM, not querying.
For the common case (the default SQLite file, already at the newest schema) it reads here and
answers at once; anything else (another database, a file not yet made or migrated, any driver
error) returns None, and the caller goes through the services, which create, migrate and
explain problems as every other command does. The quick writes and break reads built on this
connection are in store/quick_journal.py, and `status` in store/quick_status.py.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from breakwell.store.revision import HEAD_REVISION

if TYPE_CHECKING:
    from breakwell.domain.entries import Entry, EntryQuery
    from breakwell.store.entry_search import Run

_PREFIX = "sqlite:///"
BUSY_TIMEOUT_SECONDS = 5.0
# As the ORM's engine sets every connection (store/database.py).
_WRITE_BUSY_TIMEOUT_MS = 10_000

T = TypeVar("T")


class BackOff(Exception):
    """The quick path leaves this case to the services: nothing it did is kept."""


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
    from breakwell.store import entry_search  # `status` and the writes never search

    return read(url, lambda run: entry_search.find(run, query))


def read(url: str, work: Callable[[Run], T]) -> T | None:
    """What `work` reads from the journal, or None where the services must answer."""
    return _with_connection(url, work, write=False)


def write(url: str, work: Callable[[Run], T]) -> T | None:
    """What `work` writes in one transaction, holding the write lock from the start as the
    ORM's writes do; None, with nothing written, where the services must do it (`work` raises
    BackOff for a case it leaves to them)."""
    return _with_connection(url, work, write=True)


def _with_connection(url: str, work: Callable[[Run], T], *, write: bool) -> T | None:
    path = sqlite_file(url)
    if path is None or not _plain_file(path, write=write):
        return None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        if not _current(connection):
            return None

        def run(statement: str, params: Sequence[Any]) -> list[Any]:
            return connection.execute(statement, tuple(params)).fetchall()

        if write:
            for pragma in (
                f"PRAGMA busy_timeout = {_WRITE_BUSY_TIMEOUT_MS}",
                "PRAGMA synchronous = NORMAL",
                "PRAGMA foreign_keys = ON",
            ):
                connection.execute(pragma)
        # One transaction, so what several statements read belongs together.
        connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            done = work(run)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return done
    except (sqlite3.Error, BackOff):
        return None
    finally:
        connection.close()


def _plain_file(path: Path, *, write: bool) -> bool:
    """A regular, non-empty file, writable when written: the services explain anything else
    (a link, an empty or read-only file) as every command does."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
        return False
    return not write or os.access(path, os.W_OK)


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

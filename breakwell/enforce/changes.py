"""Noticing that another process changed the database, without re-reading it all.

SQLite bumps `PRAGMA data_version` on a connection whenever any other connection commits, so
one tiny query per tick tells whether anything changed.
"""

from __future__ import annotations

from typing import Any

from breakwell.store import Database


class ChangeWatcher:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._connection: Any = None
        self._seen: int | None = None

    def _version(self) -> int | None:
        if self._database.dialect != "sqlite":
            return None
        if self._connection is None:
            self._connection = self._database.engine.raw_connection()
        row = self._connection.driver_connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def mark(self) -> None:
        """Remember the current version: changes before this point are accounted for."""
        self._seen = self._version()

    def changed(self) -> bool:
        version = self._version()
        return version is not None and version != self._seen

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

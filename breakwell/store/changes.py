"""Noticing that another process changed the database, without re-reading it all.

SQLite bumps `PRAGMA data_version` on a connection whenever any other connection commits, so
one tiny query per tick tells whether anything changed. PostgreSQL announces commits to the
tables an enforcer acts on (migration 0004); a connection listening for them only has to look
at what already arrived on its socket, which costs the server nothing.
"""

from __future__ import annotations

from typing import Any

from breakwell.store.database import Database
from breakwell.store.postgresql import CHANNEL


class ChangeWatcher:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._connection: Any = None
        self._seen: int | None = None

    def mark(self) -> None:
        """Changes before this point are accounted for."""
        if self._database.dialect == "postgresql":
            self._drain()
        else:
            self._seen = self._version()

    def changed(self) -> bool:
        """Whether anything changed since `mark`; when that cannot be known, say yes."""
        if self._database.dialect == "postgresql":
            return self._drain()
        version = self._version()
        return version is not None and version != self._seen

    def _version(self) -> int | None:
        if self._database.dialect != "sqlite":
            return None
        if self._connection is None:
            self._connection = self._database.engine.raw_connection()
        row = self._connection.driver_connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def _drain(self) -> bool:
        """Take every notice that arrived; True if there were any, or if the listening
        connection was lost (notices sent meanwhile are gone, so assume a change)."""
        try:
            if self._connection is None:
                self._listen()
                return True
            driver = self._connection.driver_connection
            return bool(list(driver.notifies(timeout=0)))
        except Exception:  # any driver failure means the same: listen again later
            self.close()
            return True

    def _listen(self) -> None:
        connection = self._database.engine.raw_connection()
        try:
            driver: Any = connection.driver_connection
            driver.commit()
            driver.autocommit = True
            driver.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            # Never back into the pool: in autocommit it would break a unit of work's lock.
            connection.invalidate()
            raise
        self._connection = connection

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()
            finally:
                self._connection = None

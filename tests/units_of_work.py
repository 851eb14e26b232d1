"""Counting the units of work opened on a database: each `read()` and `write()` it hands out."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from sqlmodel import Session

from breakwell.store import Database

Opener = Callable[[], AbstractContextManager[Session]]


class Units:
    """Counts the reads and writes opened on one database from now on, from any thread."""

    def __init__(self, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
        self._lock = threading.Lock()
        self._counts = {"read": 0, "write": 0}
        for kind in self._counts:
            monkeypatch.setattr(database, kind, self._counted(kind, getattr(database, kind)))

    def _counted(self, kind: str, opener: Opener) -> Opener:
        def opened() -> AbstractContextManager[Session]:
            with self._lock:
                self._counts[kind] += 1
            return opener()

        return opened

    def taken(self) -> tuple[int, int]:
        """(reads, writes) opened since the last call, or since counting began."""
        with self._lock:
            counted = (self._counts["read"], self._counts["write"])
            self._counts = dict.fromkeys(self._counts, 0)
        return counted

"""Fails any read of a guarded file from the test process: the machine's hosts file, whose
content is this machine's, not the test's.

An audit hook sees every open, through `open`, `Path.read_bytes` or `os.open` alike; a hook
cannot be removed, so it is added once and only acts while a test has files guarded.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

SYSTEM_HOSTS = Path("/etc/hosts")


class ReadGuard:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._real: frozenset[str] = frozenset()
        self._names: frozenset[str] = frozenset()
        self._opened: list[str] = []
        sys.addaudithook(self._audit)

    def start(self, *paths: Path) -> None:
        with self._lock:
            self._opened = []
            self._set(paths)

    def add(self, path: Path) -> None:
        """Guard one more file for the rest of the test."""
        with self._lock:
            self._set((*map(Path, self._real), path))

    def stop(self) -> list[str]:
        """Stop guarding; return what was opened meanwhile."""
        with self._lock:
            self._set(())
            opened, self._opened = self._opened, []
        return opened

    def forget(self) -> list[str]:
        """What was opened so far, no longer counted against the test (a test of the guard)."""
        with self._lock:
            opened, self._opened = self._opened, []
        return opened

    def _set(self, paths: tuple[Path, ...]) -> None:
        self._real = frozenset(os.path.realpath(path) for path in paths)
        # The cheap test first: most opens are of other names, and need no realpath.
        self._names = frozenset(Path(path).name for path in self._real) | frozenset(
            path.name for path in paths
        )

    def _audit(self, event: str, args: tuple[object, ...]) -> None:
        if event != "open" or not self._names:
            return
        target = args[0]
        if not isinstance(target, str | bytes | os.PathLike):
            return  # a descriptor, already opened
        name = os.fsdecode(os.fspath(target))
        # A string split, not a Path: this runs for every file any test opens.
        if name.rpartition("/")[2] not in self._names or os.path.realpath(name) not in self._real:
            return
        self._opened.append(name)
        raise AssertionError(f"a test opened {name}, which holds this machine's state")


GUARD = ReadGuard()

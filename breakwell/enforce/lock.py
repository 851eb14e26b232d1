"""One enforcer per machine: an exclusive lock on a file in the runtime folder.

The kernel drops the lock when its holder dies, even by kill -9, so a crashed enforcer never
blocks the next one. The holder writes its pid into the file for messages.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path
from types import TracebackType

from breakwell.domain.errors import RuleRefused
from breakwell.private_files import ensure_private_dir

LOCK_NAME = "enforcer.lock"


def _flock(fd: int, *, exclusive: bool) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class EnforcerLock:
    def __init__(self, runtime_dir: Path, name: str = LOCK_NAME) -> None:
        self.path = runtime_dir / name
        self._fd: int | None = None

    def acquire(self, patience: float = 1.0, every: float = 0.05) -> bool:
        """Take the lock, retrying for `patience` seconds (someone may only be probing it)."""
        ensure_private_dir(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + patience
        while not _flock(fd, exclusive=True):
            if time.monotonic() >= deadline:
                os.close(fd)
                return False
            time.sleep(every)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> EnforcerLock:
        if not self.acquire():
            pid = running_enforcer(self.path.parent)
            who = f" (pid {pid})" if pid else ""
            raise RuleRefused(f"another breakwell enforcer is already running{who}")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def hosts_lock(hosts_file: Path) -> EnforcerLock:
    """A lock per hosts file, shared by every breakwell home of this user.

    Two enforcers with different homes (a demo, a test, a second journal) would otherwise
    fight over one hosts file, each removing the other's block.
    """
    digest = hashlib.sha256(str(hosts_file.resolve()).encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"breakwell-{os.getuid()}"
    return EnforcerLock(folder, f"hosts-{digest}.lock")


def running_enforcer(runtime_dir: Path, name: str = LOCK_NAME) -> int | None:
    """The pid of the enforcer holding the lock (0 if unknown), or None if none runs."""
    path = runtime_dir / name
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        if _flock(fd, exclusive=False):
            return None
        text = os.read(fd, 32).decode(errors="replace").strip()
        return int(text) if text.isdigit() else 0
    finally:
        os.close(fd)  # also releases a shared lock taken by the probe

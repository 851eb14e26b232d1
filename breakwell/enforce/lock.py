"""One enforcer per machine: an exclusive lock on a file in the runtime folder.

The kernel drops the lock when its holder dies, even by kill -9, so a crashed enforcer never
blocks the next one. The holder writes its pid into the file for messages.

The folder must be this user's alone, and lock files are opened without following links and
checked to be this user's own plain files before anything is written to them: another user
who could plant a link there would otherwise have breakwell truncate whatever it points at.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from types import TracebackType

from breakwell.domain.errors import RuleRefused
from breakwell.private_files import UnsafePath, open_runtime_file, same_file
from breakwell.settings.paths import user_runtime_dir

LOCK_NAME = "enforcer.lock"


class UnsafeRuntimeFolder(RuleRefused):
    """The folder or a file for locks could be controlled by another user."""


def _flock(fd: int, *, exclusive: bool) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _open(folder: Path, name: str, *, create: bool = True) -> int:
    try:
        return open_runtime_file(folder, name, create=create)
    except UnsafePath as error:
        raise UnsafeRuntimeFolder(str(error)) from None


class EnforcerLock:
    def __init__(self, runtime_dir: Path, name: str = LOCK_NAME) -> None:
        self.path = runtime_dir / name
        self._fd: int | None = None

    def acquire(self, patience: float = 1.0, every: float = 0.05) -> bool:
        """Take the lock, retrying for `patience` seconds (someone may only be probing it)."""
        deadline = time.monotonic() + patience
        while True:
            fd = _open(self.path.parent, self.path.name)
            if _flock(fd, exclusive=True):
                # The file may have been removed or replaced between opening and locking it;
                # a lock on a file no longer at the path keeps no one else out.
                if same_file(fd, self.path):
                    break
                os.close(fd)
                continue
            os.close(fd)
            if time.monotonic() >= deadline:
                return False
            time.sleep(every)
        # Only now, on a verified file of our own that we hold, is the old pid cleared.
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return True

    def still_held(self) -> bool:
        """Held, and the path still names the locked file.

        False once the lock file was deleted or replaced: another enforcer may then hold a
        lock on the new file, and this one must stop acting.
        """
        return self._fd is not None and same_file(self._fd, self.path)

    def release(self) -> None:
        if self._fd is not None:
            if same_file(self._fd, self.path):
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
    fight over one hosts file, each removing the other's block. The lock lives in the user's
    own runtime folder, never in a shared one such as /tmp, where anyone can make the folder
    first.
    """
    digest = hashlib.sha256(str(hosts_file.resolve()).encode()).hexdigest()[:16]
    return EnforcerLock(user_runtime_dir(), f"hosts-{digest}.lock")


def running_enforcer(runtime_dir: Path, name: str = LOCK_NAME) -> int | None:
    """The pid of the enforcer holding the lock (0 if unknown), or None if none runs."""
    try:
        fd = _open(runtime_dir, name, create=False)
    except FileNotFoundError:
        return None
    try:
        if _flock(fd, exclusive=False):
            return None
        text = os.pread(fd, 32, 0).decode(errors="replace").strip()
        return int(text) if text.isdigit() else 0
    finally:
        os.close(fd)  # also releases a shared lock taken by the probe

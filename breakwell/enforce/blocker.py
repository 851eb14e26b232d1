"""Applying and removing the hosts-file block, directly or through the privileged helper."""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from breakwell.domain.errors import RuleRefused
from breakwell.domain.events import EventKind
from breakwell.domain.values import frozen
from breakwell.enforce import hosts
from breakwell.enforce.helper_file import GRANT_COMMAND, HELPER_PATH, helper_installed
from breakwell.enforce.lock import UnsafeRuntimeFolder, hosts_lock, running_enforcer
from breakwell.enforce.owner import record_owner

log = logging.getLogger("breakwell.block")

Runner = Callable[..., subprocess.CompletedProcess[str]]


class BlockUnavailable(RuleRefused):
    """The hosts file cannot be changed; the message says why and what to do."""


@frozen
class HelperNote:
    """One line of the hosts helper's log: something it did, or refused to do."""

    line: str

    @property
    def refused(self) -> bool:
        return self.line.split(" ", 2)[-1].startswith("refused")

    @property
    def kind(self) -> EventKind:
        return EventKind.HELPER_REFUSED if self.refused else EventKind.HELPER_ACTED


class Blocker:
    def __init__(
        self,
        hosts_file: Path,
        helper: Path = HELPER_PATH,
        run: Runner = subprocess.run,
        *,
        exclusive: bool = True,
        helper_log: Path = hosts.DEFAULT_STATE / hosts.LOG_FILE,
        owner: str | None = None,
    ) -> None:
        self.hosts_file = hosts_file
        # The journal this blocker's block serves, recorded beside the lock (see owner.py).
        self.owner = owner
        self._helper = helper
        self._run = run
        self._helper_log = helper_log
        # Where the log was when this enforcer came: news is what the helper wrote since.
        self._log_at = self._log_position(end=True)
        self._held: tuple[frozenset[str], datetime] | None = None
        self._via_helper = False
        # An enforcer owns the hosts file while it runs; the emergency exit does not ask.
        self._lock = hosts_lock(hosts_file) if exclusive else None

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()

    def for_file(self, hosts_file: Path) -> Blocker:
        """A blocker like this one for another hosts file (one used before, to clear it)."""
        return Blocker(
            hosts_file,
            self._helper,
            self._run,
            exclusive=self._lock is not None,
            helper_log=self._helper_log,
            owner=self.owner,
        )

    def claim(self) -> bool:
        """Whether this blocker may manage the file now (it holds, or could take, its lock)."""
        try:
            self._claim()
        except BlockUnavailable:
            return False
        return True

    def _claim(self) -> None:
        if self._lock is not None and self._lock.held and not self._lock.still_held():
            # The lock file was removed or replaced: another enforcer may hold the new one,
            # so nothing is written until this one holds the lock again.
            log.warning("the lock on %s was lost; taking it again", self.hosts_file)
            self._lock.release()
        try:
            if self._lock is None or self._lock.held or self._lock.acquire(patience=0):
                return
        except UnsafeRuntimeFolder as error:
            # Someone else's folder where the lock should be: never block through it.
            raise BlockUnavailable(str(error)) from None
        owner = running_enforcer(self._lock.path.parent, self._lock.path.name)
        raise BlockUnavailable(
            f"another breakwell enforcer (pid {owner}) manages {self.hosts_file}; this one "
            "leaves it alone"
        )

    def blocked(self) -> list[str]:
        """The domains the file blocks now (empty if it cannot be read)."""
        return hosts.read_blocked(self.hosts_file)

    def apply(self, domains: Sequence[str], hold_until: datetime | None = None) -> bool:
        """Make the file block exactly `domains` (none: no block); True if it changed.

        The whole file is compared, so a block someone edited by hand is put right too. With
        `hold_until` (a locked break's end), the root helper is told to keep these domains
        blocked until then, whoever asks it otherwise.
        """
        self._claim()
        try:
            changed = hosts.set_blocked(self.hosts_file, domains)
        except PermissionError:
            return self._through_helper(domains, hold_until)
        except hosts.HostsError as error:
            raise BlockUnavailable(str(error)) from None
        except OSError as error:
            action = "block sites in" if domains else "remove the block from"
            raise BlockUnavailable(f"cannot {action} {self.hosts_file}: {error.strerror}") from None
        self._record_owner()
        hold = (frozenset(domains), hold_until)
        if hold_until is not None and domains and hold != self._held and self._helper_needed():
            # The file is already right, but the helper has yet to hold it.
            self._through_helper(domains, hold_until)
        return changed

    def _record_owner(self) -> None:
        if self.owner is not None and self._lock is not None:
            record_owner(self.hosts_file, self.owner)

    def _helper_needed(self) -> bool:
        return self._via_helper or (
            self.hosts_file == hosts.DEFAULT_HOSTS
            and not os.access(self.hosts_file, os.W_OK)
            and helper_installed(self._helper)
        )

    def _through_helper(self, domains: Sequence[str], hold_until: datetime | None) -> bool:
        effect = (
            "sites are not blocked (breaks still run, with notifications and the slip log)"
            if domains
            else "sites stay blocked"
        )
        refused = f"breakwell may not edit {self.hosts_file}, so {effect}"
        if self.hosts_file != hosts.DEFAULT_HOSTS:
            raise BlockUnavailable(f"{refused}; give your user write access to it and its folder")
        if not helper_installed(self._helper):
            raise BlockUnavailable(f"{refused}; allow it once with: {GRANT_COMMAND}")
        hold = None if hold_until is None or not domains else (frozenset(domains), hold_until)
        command = ["sudo", "-n", str(self._helper)]
        if domains:
            command.append("apply")
            if hold is not None:
                command += ["--hold-until", hold[1].isoformat()]
            command += domains
        else:
            command.append("clear")
        result = self._run(command, capture_output=True, text=True, timeout=30, check=False)
        if result.returncode != 0:
            reason = (result.stderr or result.stdout).strip().splitlines()
            raise BlockUnavailable(
                f"the hosts helper failed: {reason[-1] if reason else result.returncode}"
            )
        self._held, self._via_helper = hold, True
        self._record_owner()
        return True

    # The helper's log ----------------------------------------------------------------------

    def _log_position(self, *, end: bool) -> tuple[int, int]:
        try:
            info = self._helper_log.stat()
        except OSError:
            return (0, 0)
        return (info.st_ino, info.st_size if end else 0)

    def helper_news(self) -> list[HelperNote]:
        """What the root helper did or refused since the last call, whoever asked it.

        The helper keeps the log itself, so a run this enforcer did not start shows up too.
        """
        inode, offset = self._log_at
        try:
            with self._helper_log.open("rb") as handle:
                info = os.fstat(handle.fileno())
                if info.st_ino != inode or info.st_size < offset:
                    offset = 0  # a new log: the helper started it afresh
                handle.seek(offset)
                chunk = handle.read(hosts.MAX_LOG_BYTES)
        except OSError:
            return []
        whole = chunk[: chunk.rfind(b"\n") + 1]
        self._log_at = (info.st_ino, offset + len(whole))
        return [
            HelperNote(line.decode("utf-8", "replace"))
            for line in whole.split(b"\n")
            if line.strip()
        ]

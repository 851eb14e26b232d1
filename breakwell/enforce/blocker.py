"""Applying and removing the hosts-file block, directly or through the privileged helper."""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from breakwell.domain.errors import RuleRefused
from breakwell.enforce import hosts
from breakwell.enforce.lock import hosts_lock, running_enforcer
from breakwell.enforce.privilege import GRANT_COMMAND, HELPER_PATH, helper_installed

log = logging.getLogger("breakwell.block")

Runner = Callable[..., subprocess.CompletedProcess[str]]


class BlockUnavailable(RuleRefused):
    """The hosts file cannot be changed; the message says why and what to do."""


class Blocker:
    def __init__(
        self,
        hosts_file: Path,
        helper: Path = HELPER_PATH,
        run: Runner = subprocess.run,
        *,
        exclusive: bool = True,
    ) -> None:
        self.hosts_file = hosts_file
        self._helper = helper
        self._run = run
        # An enforcer owns the hosts file while it runs; the emergency exit does not ask.
        self._lock = hosts_lock(hosts_file) if exclusive else None

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()

    def _claim(self) -> None:
        if self._lock is None or self._lock.held or self._lock.acquire(patience=0):
            return
        owner = running_enforcer(self._lock.path.parent, self._lock.path.name)
        raise BlockUnavailable(
            f"another breakwell enforcer (pid {owner}) manages {self.hosts_file}; this one "
            "leaves it alone"
        )

    def blocked(self) -> list[str]:
        """The domains the file blocks now (empty if it cannot be read)."""
        return hosts.read_blocked(self.hosts_file)

    def apply(self, domains: Sequence[str]) -> bool:
        """Make the file block exactly `domains` (none: no block); True if it changed.

        The whole file is compared, so a block someone edited by hand is put right too.
        """
        self._claim()
        try:
            return hosts.set_blocked(self.hosts_file, domains)
        except PermissionError:
            return self._through_helper(domains)
        except hosts.HostsError as error:
            raise BlockUnavailable(str(error)) from None
        except OSError as error:
            action = "block sites in" if domains else "remove the block from"
            raise BlockUnavailable(f"cannot {action} {self.hosts_file}: {error.strerror}") from None

    def _through_helper(self, domains: Sequence[str]) -> bool:
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
        command = ["sudo", "-n", str(self._helper)]
        command += ["apply", *domains] if domains else ["clear"]
        result = self._run(command, capture_output=True, text=True, timeout=30, check=False)
        if result.returncode != 0:
            reason = (result.stderr or result.stdout).strip().splitlines()
            raise BlockUnavailable(
                f"the hosts helper failed: {reason[-1] if reason else result.returncode}"
            )
        return True

"""Applying and removing the hosts-file block, directly or through the privileged helper."""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from breakwell.enforce import hosts
from breakwell.enforce.privilege import GRANT_COMMAND, HELPER_PATH, helper_installed

log = logging.getLogger("breakwell.block")

Runner = Callable[..., subprocess.CompletedProcess[str]]


class BlockUnavailable(Exception):
    """Sites cannot be blocked; the message says why and how to allow it."""


class Blocker:
    def __init__(
        self,
        hosts_file: Path,
        helper: Path = HELPER_PATH,
        run: Runner = subprocess.run,
    ) -> None:
        self.hosts_file = hosts_file
        self._helper = helper
        self._run = run

    def blocked(self) -> list[str]:
        """The domains the file blocks now (empty if it cannot be read)."""
        try:
            return hosts.blocked_domains(self.hosts_file.read_bytes())
        except (OSError, hosts.HostsError):
            return []

    def apply(self, domains: Sequence[str]) -> bool:
        """Make the file block exactly `domains` (none: no block); True if it changed."""
        if sorted(set(domains)) == self.blocked():
            return False
        try:
            return hosts.set_blocked(self.hosts_file, domains)
        except PermissionError:
            return self._through_helper(domains)
        except hosts.HostsError as error:
            raise BlockUnavailable(str(error)) from None
        except OSError as error:
            raise BlockUnavailable(f"cannot edit {self.hosts_file}: {error.strerror}") from None

    def _through_helper(self, domains: Sequence[str]) -> bool:
        if self.hosts_file != hosts.DEFAULT_HOSTS or not helper_installed(self._helper):
            raise BlockUnavailable(
                f"breakwell may not edit {self.hosts_file}, so sites are not blocked (breaks "
                f"still run, with notifications and the slip log); allow it once with: "
                f"{GRANT_COMMAND}"
            )
        command = ["sudo", "-n", str(self._helper)]
        command += ["apply", *domains] if domains else ["clear"]
        result = self._run(command, capture_output=True, text=True, timeout=30, check=False)
        if result.returncode != 0:
            reason = (result.stderr or result.stdout).strip().splitlines()
            raise BlockUnavailable(
                f"the hosts helper failed: {reason[-1] if reason else result.returncode}"
            )
        return True

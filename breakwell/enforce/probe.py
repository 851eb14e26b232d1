"""A cheap look at this machine for `status`: the hosts file's block, the enforcer, the lock,
the browser companions connected.

It reads and probes only: it writes nothing, takes no lock it keeps, and imports neither
the scheduler nor the app.
"""

from __future__ import annotations

import os
from pathlib import Path

from breakwell.domain.blocking import MachineFacts
from breakwell.domain.errors import RuleRefused
from breakwell.enforce import hosts
from breakwell.enforce.companions import connected_companions
from breakwell.enforce.helper_file import GRANT_COMMAND, helper_installed
from breakwell.enforce.lock import hosts_lock, running_enforcer
from breakwell.enforce.owner import is_ours
from breakwell.settings import Settings


class MachineProbe:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def facts(self) -> MachineFacts:
        path = self._settings.hosts_file
        runtime = self._settings.paths.runtime_dir
        return MachineFacts(
            hosts_file=str(path),
            blocked=_blocked(path),
            enforcer=running_enforcer(runtime),
            lock_holder=_lock_holder(path),
            cannot_write=_cannot_write(path),
            companions=tuple(connected_companions(runtime)),
        )

    def blocked_in(self, hosts_file: str) -> int:
        found = _blocked(Path(hosts_file))
        return len(found) if found is not None else 0


def unattended_block(settings: Settings) -> list[str]:
    """The domains a block in this home's hosts file holds when nothing will lift it: no
    enforcer holds the file, and the block is this journal's (or nobody recorded whose).

    Another journal's block is that journal's to lift, so it is never reported here."""
    path = settings.hosts_file
    if _lock_holder(path) is not None or not is_ours(settings, path):
        return []
    return hosts.read_blocked(path)


def _blocked(path: Path) -> frozenset[str] | None:
    try:
        return frozenset(hosts.blocked_domains(path.read_bytes()))
    except (OSError, hosts.HostsError):
        return None


def _lock_holder(path: Path) -> int | None:
    try:
        lock = hosts_lock(path)
        return running_enforcer(lock.path.parent, lock.path.name)
    except (OSError, RuleRefused):
        return None  # no lock folder of ours, or one that is not safe: nobody holds it


def _cannot_write(path: Path) -> str | None:
    folder = path.resolve().parent
    if os.access(path, os.W_OK) and os.access(folder, os.W_OK):
        return None
    if path == hosts.DEFAULT_HOSTS and helper_installed():
        return None
    if path == hosts.DEFAULT_HOSTS:
        return f"breakwell may not edit {path} (allow it once with: {GRANT_COMMAND})"
    return f"breakwell may not edit {path} (give your user write access to it and its folder)"

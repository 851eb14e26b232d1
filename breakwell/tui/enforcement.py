"""Enforcing from inside the app when no daemon does, or watching the one that does."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from enum import StrEnum

from breakwell.enforce.changes import ChangeWatcher
from breakwell.enforce.engine import Engine
from breakwell.enforce.lock import EnforcerLock, running_enforcer
from breakwell.services import Services


class Role(StrEnum):
    ENFORCING = "enforcing here"
    WATCHING = "enforced by the daemon"
    OFF = "not enforced"


class AppEnforcement:
    """Owns the lock and the in-process engine for the app's lifetime."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.role = Role.OFF
        self.daemon_pid: int | None = None
        self._lock = EnforcerLock(services.settings.paths.runtime_dir)
        self._engine: Engine | None = None
        self._changes = ChangeWatcher(services.database)

    def take_over(
        self,
        loop: asyncio.AbstractEventLoop,
        toast: Callable[[str, str], None],
        changed: Callable[[], None],
    ) -> Role:
        """Runs in a worker thread: enforce here if the lock is free, else watch."""
        if not self._lock.acquire(patience=0.2):
            self.daemon_pid = running_enforcer(self.services.settings.paths.runtime_dir)
            self.role = Role.WATCHING
            self._changes.mark()
            return self.role
        from breakwell.enforce.build import build_app_engine

        engine = build_app_engine(self.services, loop, toast, changed)
        engine.prepare()
        self._engine = engine
        self.role = Role.ENFORCING
        return self.role

    def start_scheduler(self) -> None:
        """On the app's own loop, once take_over has set things up."""
        if self._engine is not None:
            self._engine.scheduler.start()

    @property
    def engine(self) -> Engine | None:
        return self._engine

    def daemon_gone(self) -> bool:
        return running_enforcer(self.services.settings.paths.runtime_dir) is None

    def changed_elsewhere(self) -> bool:
        """While watching a daemon: has anyone changed the database since last asked?"""
        if self.role is not Role.WATCHING:
            return False
        changed = self._changes.changed()
        if changed:
            self._changes.mark()
        return changed

    def close(self) -> None:
        if self._engine is not None:
            self._engine.scheduler.shutdown(wait=False)
            self._engine.close()
        self._changes.close()
        self._lock.release()

"""Enforcing from inside the app when no daemon does, or watching the one that does."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path

from breakwell.domain.blocking import BlockState
from breakwell.domain.breaks import Break
from breakwell.domain.errors import RuleRefused
from breakwell.enforce.changes import ChangeWatcher
from breakwell.enforce.clockwatch import ClockWatch
from breakwell.enforce.engine import Engine
from breakwell.enforce.lock import EnforcerLock, running_enforcer
from breakwell.enforce.privilege import GRANT_COMMAND
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
        self.problem: str | None = None
        self._lock = EnforcerLock(services.settings.paths.runtime_dir)
        self._engine: Engine | None = None
        self._watch: ClockWatch | None = None
        self._changes = ChangeWatcher(services.database)

    def take_over(
        self,
        loop: asyncio.AbstractEventLoop,
        toast: Callable[[str, str], None],
        changed: Callable[[], None],
    ) -> Role:
        """Runs in a worker thread: enforce here if the lock is free, else watch."""
        try:
            if not self._lock.acquire(patience=0.2):
                self.daemon_pid = running_enforcer(self.services.settings.paths.runtime_dir)
        except RuleRefused as problem:
            # A runtime folder that is not safely this user's: enforce nowhere, and say why.
            self.problem = str(problem)
            self.role = Role.OFF
            return self.role
        if not self._lock.held:
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
            # The short tick runs on the monotonic clock, so a clock set back or forward
            # cannot stall it (enforce/clockwatch.py).
            self._watch = ClockWatch(self._engine)
            self._watch.start()

    @property
    def engine(self) -> Engine | None:
        return self._engine

    def daemon_gone(self) -> bool:
        try:
            return running_enforcer(self.services.settings.paths.runtime_dir) is None
        except RuleRefused:
            return False  # the folder is unsafe: taking over would fail the same way

    def changed_elsewhere(self) -> bool:
        """While watching a daemon: has anyone changed the database since last asked?"""
        if self.role is not Role.WATCHING:
            return False
        changed = self._changes.changed()
        if changed:
            self._changes.mark()
        return changed

    def close(self) -> None:
        if self._watch is not None:
            self._watch.stop()
        if self._engine is not None:
            self._engine.scheduler.shutdown(wait=False)
            self._engine.close()
        self._changes.close()
        self._lock.release()


def describe_enforcement(
    role: Role,
    active: Break | None,
    blocked: Sequence[str],
    hosts_file: Path,
    *,
    daemon_pid: int | None = None,
    not_blocked: Sequence[BlockState] = (),
) -> str:
    """What keeps breaks on time and what is blocked right now, in one or two plain lines."""
    who = {
        Role.ENFORCING: "This app keeps breaks on time while it is open.",
        Role.WATCHING: f"The enforcer{f' (pid {daemon_pid})' if daemon_pid else ''} keeps "
        "breaks on time.",
        Role.OFF: "Nothing enforces breaks now: keep the app open, or run "
        "`breakwell daemon install`.",
    }[role]
    if active is None:
        return f"Nothing is blocked. {who}"
    if not_blocked:
        return " ".join(state.sentence() for state in not_blocked) + f" {who}"
    if blocked:
        shown = ", ".join(blocked[:3]) + (
            f" and {len(blocked) - 3} more" if len(blocked) > 3 else ""
        )
        return f"Blocking {shown} in {hosts_file}. {who}"
    if role is Role.OFF:
        return f"Not blocking: {who[:1].lower()}{who[1:]}"
    return (
        f"Not blocking: {hosts_file} cannot be changed; `{GRANT_COMMAND}` shows how to "
        f"allow it. {who}"
    )

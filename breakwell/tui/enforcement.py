"""Enforcing from inside the app when no daemon does, or watching the one that does."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from breakwell.domain.blocking import BlockState, no_companion_sentence
from breakwell.domain.break_kinds import Mode
from breakwell.domain.breaks import Break
from breakwell.domain.errors import RuleRefused
from breakwell.domain.timefmt import describe_moment
from breakwell.enforce.lock import EnforcerLock, running_enforcer
from breakwell.settings import Settings
from breakwell.tui.role import Role

if TYPE_CHECKING:
    from breakwell.enforce.clockwatch import ClockWatch
    from breakwell.enforce.engine import Engine
    from breakwell.services import Services

# An enforcer writes a new break's block within a tick or two; past this, a block still
# missing is a fault and is told as one.
STARTING_GRACE = timedelta(seconds=30)


class AppEnforcement:
    """Owns the lock and the in-process engine for the app's lifetime."""

    def __init__(self, services: Services, settings: Settings) -> None:
        self.services = services
        self._settings = settings
        self.role = Role.OFF
        self.daemon_pid: int | None = None
        self.problem: str | None = None
        self._lock = EnforcerLock(settings.paths.runtime_dir)
        self._engine: Engine | None = None
        self._watch: ClockWatch | None = None
        self._changes = services.enforcement.watch_changes()

    def take_over(
        self,
        loop: asyncio.AbstractEventLoop,
        toast: Callable[[str, str], None],
        changed: Callable[[], None],
    ) -> Role:
        """Runs in a worker thread: enforce here if the lock is free, else watch."""
        try:
            if not self._lock.acquire(patience=0.2):
                self.daemon_pid = running_enforcer(self._settings.paths.runtime_dir)
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

        engine = build_app_engine(self.services, self._settings, loop, toast, changed)
        engine.prepare()
        self._engine = engine
        self.role = Role.ENFORCING
        return self.role

    def start_scheduler(self) -> None:
        """On the app's own loop, once take_over has set things up."""
        if self._engine is not None:
            from breakwell.enforce.clockwatch import ClockWatch

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
            return running_enforcer(self._settings.paths.runtime_dir) is None
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
    running: Sequence[Break] = (),
    now: datetime | None = None,
    posting_open: bool = False,
) -> str:
    """What keeps breaks on time and what is blocked right now, in one or two plain lines;
    with `posting_open`, first that a watch break's posting is not blocked."""
    said = _blocking_text(
        role,
        active,
        blocked,
        hosts_file,
        daemon_pid=daemon_pid,
        not_blocked=not_blocked,
        running=running,
        now=now,
    )
    return f"{no_companion_sentence()} {said}" if posting_open and active else said


def _blocking_text(
    role: Role,
    active: Break | None,
    blocked: Sequence[str],
    hosts_file: Path,
    *,
    daemon_pid: int | None,
    not_blocked: Sequence[BlockState],
    running: Sequence[Break],
    now: datetime | None,
) -> str:
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
        several = len(running) > 1
        said = (
            _why_open(state, several, _started(running, state.break_id), now)
            for state in not_blocked
        )
        return " ".join(dict.fromkeys(said)) + f" {who}"
    if blocked:
        shown = ", ".join(blocked[:3]) + (
            f" and {len(blocked) - 3} more" if len(blocked) > 3 else ""
        )
        return f"Blocking {shown} in {hosts_file}. {who}"
    if role is Role.OFF:
        return f"Not blocking: {who[:1].lower()}{who[1:]}"
    if all(item.mode is Mode.WATCH for item in (running or (active,))):
        # A watch break keeps its sites open to be read; posting is the companion's to refuse.
        return f"Watching: the sites stay open to read; nothing is blocked in {hosts_file}. {who}"
    # Every running break counts as blocked, yet the file holds nothing: there is nothing
    # to block (platforms named by their apps alone).
    return f"Nothing to block in {hosts_file}: these platforms name no sites. {who}"


def _started(running: Sequence[Break], break_id: int | None) -> datetime | None:
    item = next((b for b in running if b.id == break_id), None)
    return (item.started_at or item.starts_at) if item is not None else None


def _why_open(
    state: BlockState, several: bool, started: datetime | None, now: datetime | None
) -> str:
    """One running break's open sites, told as what is happening rather than as a fault
    when it is only the moment before the enforcer writes the block."""
    which = f"break #{state.break_id}" if several and state.break_id is not None else "this break"
    if state.emergency_at is not None:
        at = describe_moment(state.emergency_at, now or state.emergency_at).removeprefix("today ")
        return f"Unblocked for the rest of {which} by an emergency exit at {at}."
    if state.not_applied_yet and (started is None or now is None or now - started < STARTING_GRACE):
        return "Starting the block…"
    return state.sentence()

"""Starting the enforcer in the background, by itself, when something needs it and none runs.

What starts is `breakwell daemon run --until-idle`: the same single-instance enforcer as one
started by hand or installed as a service, except that it stops once nothing is left to
enforce. It runs in a session of its own with no terminal, so closing the app or the shell
that started it does not stop it; what it says goes to its log.

This module is imported by quick commands: it must stay light (no scheduler, no database
until asked).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING

from breakwell.domain.errors import RuleRefused
from breakwell.domain.values import frozen
from breakwell.enforce.lock import running_enforcer

if TYPE_CHECKING:
    from breakwell.services import Services
    from breakwell.settings import Settings

# Overrides `[enforcer] autostart` for one run or a whole environment: 0 or 1.
AUTOSTART_ENV = "BREAKWELL_AUTOSTART"
UNTIL_IDLE = "--until-idle"
_OFF = {"0", "false", "no", "off"}
_ON = {"1", "true", "yes", "on"}


class Keeper(StrEnum):
    RUNNING = "running"  # an enforcer already held the lock
    STARTED = "started"  # one was started in the background just now
    OFF = "off"  # autostart is turned off
    FAILED = "failed"  # one could not be started


@frozen
class Kept:
    """Who keeps the breaks after `ensure_enforcer`, and why none does if none does."""

    keeper: Keeper
    pid: int | None = None
    problem: str | None = None

    @property
    def enforced(self) -> bool:
        return self.keeper in (Keeper.RUNNING, Keeper.STARTED)


def autostart_enabled(settings: Settings, env: Mapping[str, str] | None = None) -> bool:
    value = (os.environ if env is None else env).get(AUTOSTART_ENV, "").strip().lower()
    if value in _OFF:
        return False
    if value in _ON:
        return True
    return settings.config.enforcer.autostart


def ensure_enforcer(settings: Settings, env: Mapping[str, str] | None = None) -> Kept:
    """Make sure an enforcer runs, starting one in the background if none does.

    Called only once something needing enforcement was written. The check is a lock probe;
    the start does not wait for the new enforcer to take over.
    """
    try:
        pid = running_enforcer(settings.paths.runtime_dir)
    except RuleRefused as problem:
        return Kept(Keeper.FAILED, problem=str(problem))
    if pid is not None:
        return Kept(Keeper.RUNNING, pid=pid or None)
    if not autostart_enabled(settings, env):
        return Kept(Keeper.OFF)
    try:
        return Kept(Keeper.STARTED, pid=spawn_enforcer(settings))
    except OSError as error:
        return Kept(Keeper.FAILED, problem=f"cannot start the enforcer: {error.strerror or error}")


def spawn_enforcer(settings: Settings) -> int:
    """Start `daemon run --until-idle` detached from this process and its terminal; its pid.

    Its standard error goes to the enforcer's log, so a start that fails before logging is
    set up (a config made invalid meanwhile) still says why somewhere.
    """
    # Here, not at the top: `status` loads this module on every run and seldom starts one.
    import subprocess
    import threading

    from breakwell.settings.logfile import open_private_log

    command = [sys.executable, "-m", "breakwell", "daemon", "run", UNTIL_IDLE]
    with open_private_log(settings.paths.log_dir / "daemon.log") as log:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            close_fds=True,
            start_new_session=True,
        )
    # Reaped when it stops, should this process still be running then (the app, a test).
    threading.Thread(target=child.wait, name="breakwell-enforcer-reaper", daemon=True).start()
    return child.pid


def something_to_enforce(services: Services) -> bool:
    """Whether an enforcer has work: a break planned or running (settled or not), or a plan
    that will make one. Read only: settling is the enforcer's to do."""
    return services.enforcement.anything_open()


def hand_over(services: Services, settings: Settings) -> str | None:
    """When the app that enforced in-process closes (its lock released): start the
    background enforcer if something is left to enforce, and say in one line who keeps the
    running break, or None when there is nothing to say."""
    from breakwell.domain.breaks import BreakStatus
    from breakwell.domain.errors import StoreUnavailable
    from breakwell.domain.timefmt import describe_moment
    from breakwell.enforce import hosts

    try:
        # A break that ended as the app closed is not said to be kept.
        services.settle()
        open_breaks = services.breaks.open_breaks()
        needed = bool(open_breaks) or something_to_enforce(services)
    except StoreUnavailable:
        # The enforcer decides nothing without the database either; it will catch up.
        open_breaks, needed = [], True
    block_left = bool(hosts.read_blocked(settings.hosts_file))
    if not needed and not block_left:
        return None
    kept = ensure_enforcer(settings)
    running = [b for b in open_breaks if b.status is BreakStatus.ACTIVE]
    if not running:
        if kept.keeper is Keeper.STARTED and needed:
            return "breakwell keeps your planned breaks in the background."
        return None
    names = " and ".join(f"#{b.id}" for b in running)
    what = f"break{'s' if len(running) > 1 else ''} {names}"
    if not kept.enforced:
        why = kept.problem or "breakwell starts no enforcer by itself ([enforcer] autostart)"
        return f"Nothing keeps {what} now: {why}."
    end = max(b.ends_at for b in running)
    until = describe_moment(end, services.clock.now()).removeprefix("today ")
    return f"breakwell keeps {what} in the background until {until}."

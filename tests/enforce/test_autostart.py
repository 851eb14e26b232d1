"""The enforcer breakwell starts by itself: when it is wanted, and when it stops on its own."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import ConfigError
from breakwell.enforce import autostart, daemon
from breakwell.enforce.autostart import Keeper, ensure_enforcer, something_to_enforce
from breakwell.enforce.engine import Engine
from breakwell.enforce.lock import EnforcerLock, running_enforcer
from breakwell.services import Services
from breakwell.settings import load_settings
from tests.enforce.conftest import Driver, Inbox

pytestmark = pytest.mark.sqlite_only
Enforced = tuple[Services, Engine, Driver, Inbox]


def plan_break(services: Services, minutes: int = 10, *, now: bool = True) -> None:
    at = None if now else services.clock.now() + timedelta(hours=1)
    services.breaks.start(services.breaks.plan(timedelta(minutes=minutes), at=at, platforms=["x"]))


# Turned on and off -----------------------------------------------------------------------


def test_autostart_is_on_by_default_and_the_config_or_the_environment_turns_it_off(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BREAKWELL_AUTOSTART")
    home.mkdir(parents=True, exist_ok=True)
    assert autostart.autostart_enabled(load_settings())
    (home / "config.toml").write_text("[enforcer]\nautostart = false\n")
    settings = load_settings()
    assert not autostart.autostart_enabled(settings)
    assert autostart.autostart_enabled(settings, {"BREAKWELL_AUTOSTART": "1"})
    (home / "config.toml").write_text("[enforcer]\nautostart = true\n")
    assert not autostart.autostart_enabled(load_settings(), {"BREAKWELL_AUTOSTART": "0"})


def test_an_unknown_enforcer_key_is_named(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[enforcer]\nautostrat = false\n")
    with pytest.raises(ConfigError, match=r"enforcer\.autostrat: unknown key"):
        load_settings()
    (home / "config.toml").write_text('[enforcer]\nautostart = "no"\n')
    with pytest.raises(ConfigError, match=r"enforcer\.autostart"):
        load_settings()


def test_none_is_started_while_an_enforcer_holds_the_lock(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BREAKWELL_AUTOSTART", "1")
    started: list[int] = []

    def spawn(_settings: object) -> int:
        started.append(1)
        return 4242

    monkeypatch.setattr(autostart, "spawn_enforcer", spawn)
    settings = load_settings()
    held = EnforcerLock(settings.paths.runtime_dir)
    assert held.acquire()
    try:
        kept = ensure_enforcer(settings)
    finally:
        held.release()
    assert kept.keeper is Keeper.RUNNING and kept.enforced
    assert started == []
    kept = ensure_enforcer(settings)
    assert (kept.keeper, kept.pid, started) == (Keeper.STARTED, 4242, [1])
    monkeypatch.setenv("BREAKWELL_AUTOSTART", "0")
    assert ensure_enforcer(settings).keeper is Keeper.OFF
    assert started == [1]


def test_a_start_that_fails_is_said_not_raised(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BREAKWELL_AUTOSTART", "1")

    def refuse(_settings: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(autostart, "spawn_enforcer", refuse)
    kept = ensure_enforcer(load_settings())
    assert kept.keeper is Keeper.FAILED and not kept.enforced
    assert kept.problem == "cannot start the enforcer: Permission denied"


# What is left to enforce -----------------------------------------------------------------


def test_what_needs_an_enforcer(services: Services, clock: FakeClock) -> None:
    from breakwell.domain.recurrence import recurrence_from

    assert not something_to_enforce(services)
    plan_break(services, now=False)
    assert something_to_enforce(services), "a planned break"
    services.breaks.cancel(1)
    assert not something_to_enforce(services)
    plan_break(services, minutes=10)
    assert something_to_enforce(services), "a running break"
    clock.advance(timedelta(minutes=11))
    assert something_to_enforce(services), "a running break not yet settled"
    services.settle()
    assert not something_to_enforce(services), "a completed break"
    plan = services.plans.add(recurrence_from(every="sunday", at="09:00", length="2h"))
    assert something_to_enforce(services), "a plan that will make breaks"
    assert plan.id is not None
    services.plans.pause(plan.id)
    assert not something_to_enforce(services), "a paused plan"


def test_nothing_left_after_a_pass_counts_the_block_too(
    enforced: Enforced, hosts_file: Path
) -> None:
    services, engine, driver, _ = enforced
    assert daemon._nothing_left(engine)
    plan_break(services, minutes=5)
    engine.reconcile()
    assert b"x.com" in hosts_file.read_bytes()
    assert not daemon._nothing_left(engine)
    driver.advance(timedelta(minutes=5))
    assert b"x.com" not in hosts_file.read_bytes()
    assert daemon._nothing_left(engine)
    # A block the enforcer has yet to remove keeps it running, break or not.
    from breakwell.enforce import hosts

    hosts_file.write_bytes(hosts.with_block(hosts_file.read_bytes(), ["x.com"]))
    assert not daemon._nothing_left(engine)


# The process stopping on its own ---------------------------------------------------------


@pytest.fixture
def enforcer_home(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    (home / "hosts").write_bytes(b"127.0.0.1 localhost\n")
    (home / "config.toml").write_text(
        f'[blocking]\nhosts_file = "{home / "hosts"}"\n'
        "[notifications]\ndesktop = false\nbell = false\n"
    )
    return home


@pytest.fixture
def quiet_log() -> Iterator[None]:
    """`daemon.run` adds its log file to the breakwell logger; take it off afterwards."""
    logger = logging.getLogger("breakwell")
    before = list(logger.handlers)
    yield
    for handler in logger.handlers[:]:
        if handler not in before:
            logger.removeHandler(handler)
            handler.close()


def started_count(services: Services) -> int:
    return len(services.events.recent(kinds=["enforcer.started"]))


def test_until_idle_stops_after_its_first_pass_when_nothing_is_left(
    enforcer_home: Path, quiet_log: object
) -> None:
    settings = load_settings()
    daemon.run(settings, until_idle=True)
    assert running_enforcer(settings.paths.runtime_dir) is None
    log = (enforcer_home / "logs" / "daemon.log").read_text()
    assert "nothing is left to enforce; stopped" in log


def test_something_written_while_stopping_keeps_it_going(
    enforcer_home: Path, quiet_log: object, monkeypatch: pytest.MonkeyPatch, services: Services
) -> None:
    """A command that wrote a break just before the lock was released started no enforcer
    (it saw this one): the look after the release finds it and enforces again."""
    looks: list[bool] = []
    real = daemon._work_came

    def work_came(settings: object, clock: object) -> bool:
        looks.append(real(settings, clock))  # type: ignore[arg-type]
        return len(looks) == 1 or looks[-1]

    monkeypatch.setattr(daemon, "_work_came", work_came)
    daemon.run(load_settings(), until_idle=True)
    assert looks == [False, False]
    assert started_count(services) == 2
    log = (enforcer_home / "logs" / "daemon.log").read_text()
    assert "something to enforce came while stopping; going on" in log


def test_an_until_idle_enforcer_leaves_quietly_when_another_runs(enforcer_home: Path) -> None:
    settings = load_settings()
    held = EnforcerLock(settings.paths.runtime_dir)
    assert held.acquire()
    try:
        daemon.run(settings, until_idle=True)  # returns, raising nothing
        with pytest.raises(Exception, match="another breakwell enforcer is already running"):
            daemon.run(settings)
    finally:
        held.release()


# Told to stop ----------------------------------------------------------------------------


@pytest.mark.parametrize("when", ["while preparing", "while scheduling"])
def test_a_stop_signal_at_any_moment_stops_the_enforcer_cleanly(
    enforcer_home: Path, quiet_log: object, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    """A signal that comes before the scheduler runs is no different from one after: the
    enforcer stops, says why, leaves the lock free and the caller's own handlers in place."""
    settings = load_settings()
    ours = signal.getsignal(signal.SIGTERM)
    log = enforcer_home / "logs" / "daemon.log"

    def terminate() -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    if when == "while preparing":
        real = Engine.prepare

        def prepare(self: Engine) -> None:
            real(self)
            terminate()

        monkeypatch.setattr(Engine, "prepare", prepare)
    else:

        def once_enforcing() -> None:
            # Told to stop in any case, so a missing log line fails the test, never hangs it.
            for _ in range(3000):
                if log.exists() and "enforcing for" in log.read_text():
                    break
                time.sleep(0.01)
            terminate()

        threading.Thread(target=once_enforcing, daemon=True).start()
    daemon.run(settings)  # returns, raising nothing
    assert running_enforcer(settings.paths.runtime_dir) is None
    assert signal.getsignal(signal.SIGTERM) is ours
    text = log.read_text()
    assert "stopping (SIGTERM)" in text
    assert "Traceback" not in text

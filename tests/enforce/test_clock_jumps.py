"""The watch tick runs on monotonic time and plans again when the wall clock jumps either way.

The wall clock is the fake one; the monotonic and boot-time counters are the test's too, so a
jump, a sleep and a steady tick are all made by hand.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.events import EventKind
from breakwell.enforce import hosts
from breakwell.enforce.clockwatch import ClockWatch
from breakwell.enforce.engine import WATCH_JOB, Engine
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.tui.enforcement import AppEnforcement
from breakwell.tui.role import Role
from tests.enforce.conftest import HOSTS, Driver, Inbox
from tests.journal import settings_of

Enforced = tuple[Services, Engine, Driver, Inbox]


class Counters:
    """The monotonic clock (stops while the machine sleeps) and boot time (does not)."""

    def __init__(self) -> None:
        self.monotonic = 1000.0
        self.boottime = 1000.0

    def run(self, seconds: float) -> None:
        self.monotonic += seconds
        self.boottime += seconds

    def sleep(self, seconds: float) -> None:
        self.boottime += seconds


@pytest.fixture
def counters() -> Counters:
    return Counters()


@pytest.fixture
def watch(enforced: Enforced, clock: FakeClock, counters: Counters) -> ClockWatch:
    _, engine, _, _ = enforced
    return ClockWatch(
        engine,
        wall=clock.now,
        monotonic=lambda: counters.monotonic,
        boottime=lambda: counters.boottime,
    )


def locked(services: Services, minutes: int = 30) -> int:
    proposal = services.breaks.plan(timedelta(minutes=minutes), strictness=Strictness.LOCKED)
    stored = services.breaks.start(proposal)
    assert stored.id is not None
    return stored.id


def jumps(services: Services) -> list[str]:
    return [e.detail for e in services.events.recent(kinds=[EventKind.CLOCK_JUMPED.value])]


def count_watches(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A steady tick is the engine's watch; after a jump or a sleep it plans afresh instead."""
    watches: list[int] = []
    watch = engine.watch

    def counted() -> None:
        watches.append(1)
        watch()

    monkeypatch.setattr(engine, "watch", counted)
    return watches


def test_a_steady_tick_watches_and_repairs_the_block(
    enforced: Enforced,
    watch: ClockWatch,
    clock: FakeClock,
    counters: Counters,
    hosts_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services, engine, _, _ = enforced
    locked(services)
    engine.reconcile()
    assert hosts.blocked_domains(hosts_file.read_bytes())
    hosts_file.write_bytes(HOSTS)
    watches = count_watches(engine, monkeypatch)
    clock.advance(timedelta(seconds=2, milliseconds=500))
    counters.run(2)
    assert watch.step() is None
    assert hosts.blocked_domains(hosts_file.read_bytes())
    assert jumps(services) == []
    assert watches == [1]


def test_a_clock_set_back_is_recorded_and_planned_again_at_once(
    enforced: Enforced,
    watch: ClockWatch,
    clock: FakeClock,
    counters: Counters,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services, engine, _, _ = enforced
    watches = count_watches(engine, monkeypatch)
    passes: list[int] = []
    reconcile = engine.reconcile

    def counted() -> None:
        passes.append(1)
        reconcile()

    monkeypatch.setattr(engine, "reconcile", counted)
    clock.advance(timedelta(hours=-1, seconds=2))
    counters.run(2)
    assert watch.step() == timedelta(hours=-1)
    assert jumps(services) == ["back 1h"]
    assert (watches, passes) == ([], [1])
    # The next tick measures from the new time: no second jump.
    clock.advance(timedelta(seconds=2))
    counters.run(2)
    assert watch.step() is None
    assert jumps(services) == ["back 1h"]
    assert watches == [1]


def test_a_clock_put_forward_ends_a_break_that_is_due_at_once(
    enforced: Enforced,
    watch: ClockWatch,
    clock: FakeClock,
    counters: Counters,
    hosts_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services, engine, _, _ = enforced
    break_id = locked(services)
    engine.reconcile()
    watches = count_watches(engine, monkeypatch)
    clock.advance(timedelta(hours=1, seconds=2))
    counters.run(2)
    assert watch.step() == timedelta(hours=1)
    assert services.breaks.get(break_id).status is BreakStatus.COMPLETED
    assert hosts_file.read_bytes() == HOSTS
    assert jumps(services) == ["forward 1h"]
    assert watches == []


def test_a_machine_that_slept_is_planned_again_without_calling_it_a_jump(
    enforced: Enforced,
    watch: ClockWatch,
    clock: FakeClock,
    counters: Counters,
    hosts_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services, engine, _, _ = enforced
    break_id = locked(services)
    engine.reconcile()
    watches = count_watches(engine, monkeypatch)
    clock.advance(timedelta(hours=2))
    counters.sleep(2 * 3600)
    assert watch.step() is None
    assert services.breaks.get(break_id).status is BreakStatus.COMPLETED
    assert hosts_file.read_bytes() == HOSTS
    assert jumps(services) == []
    assert watches == []


def test_a_few_seconds_of_drift_is_not_a_jump(
    enforced: Enforced,
    watch: ClockWatch,
    clock: FakeClock,
    counters: Counters,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services, engine, _, _ = enforced
    watches = count_watches(engine, monkeypatch)
    clock.advance(timedelta(seconds=6))
    counters.run(2)
    assert watch.step() is None
    clock.advance(timedelta(seconds=-2))
    counters.run(2)
    assert watch.step() is None
    assert jumps(services) == []
    assert watches == [1, 1]


def test_a_tests_own_clock_is_never_taken_for_a_jump(enforced: Enforced, clock: FakeClock) -> None:
    services, engine, _, _ = enforced
    watch = ClockWatch(engine)
    clock.advance(timedelta(hours=3))
    assert watch.step() is None
    assert jumps(services) == []


def test_the_tick_is_taken_from_the_scheduler_onto_its_own_thread(enforced: Enforced) -> None:
    _, engine, _, _ = enforced
    assert engine.scheduler.get_job(WATCH_JOB) is not None
    watch = ClockWatch(engine)
    watch.start()
    try:
        assert engine.scheduler.get_job(WATCH_JOB) is None
    finally:
        watch.stop()


async def test_the_app_enforcing_itself_ticks_on_its_own_thread_too(
    hosts_file: Path, clock: FakeClock, home: Path
) -> None:
    with (home / "config.toml").open("a") as config:
        config.write("[notifications]\ndesktop = false\nbell = false\n")
    services = build_services(load_settings(), clock)
    enforcement = AppEnforcement(services, settings_of(services))
    try:
        role = enforcement.take_over(
            asyncio.get_running_loop(), toast=lambda _title, _body: None, changed=lambda: None
        )
        assert role is Role.ENFORCING
        enforcement.start_scheduler()
        assert enforcement.engine is not None
        assert enforcement.engine.scheduler.get_job(WATCH_JOB) is None
    finally:
        enforcement.close()
        services.close()

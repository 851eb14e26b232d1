"""Time ends a break only where this process's clock and a reference it cannot bend agree."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta

import pytest

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.events import EventKind
from breakwell.domain.kernel_clock import kernel_now
from breakwell.services import Services, build_services
from breakwell.services.timeline import Timeline
from breakwell.settings import Settings
from breakwell.store import breaks as break_store
from breakwell.store import events as event_store
from breakwell.store.server_time import trusted_time
from tests.conftest import START
from tests.journal import database_of


def locked(services: Services, length: timedelta = timedelta(hours=1)) -> int:
    proposal = services.breaks.plan(length, strictness=Strictness.LOCKED)
    stored = services.breaks.start(proposal)
    assert stored.id is not None
    return stored.id


def untrusted_notes(services: Services) -> list[str]:
    with database_of(services).read() as session:
        found = event_store.recent_events(session, 50, None, [EventKind.CLOCK_UNTRUSTED])
    return [e.detail for e in found]


def kinds(services: Services) -> list[EventKind]:
    with database_of(services).read() as session:
        return [e.kind for e in event_store.recent_events(session, 50)]


def test_a_clock_two_hours_ahead_does_not_end_a_locked_break(
    services: Services, clock: FakeClock
) -> None:
    break_id = locked(services)
    clock.advance(timedelta(hours=2))
    clock.run_ahead(timedelta(hours=2))
    services.settle()
    status = services.breaks.status()
    assert status.active is not None and status.active.id == break_id
    assert services.breaks.get(break_id).status is BreakStatus.ACTIVE
    assert EventKind.BREAK_COMPLETED not in kinds(services)
    assert untrusted_notes(services) == [
        "2h ahead of the reference clock; settled by that clock instead"
    ]


def test_an_untrusted_clock_is_noted_once_an_hour_per_device(
    services: Services, clock: FakeClock
) -> None:
    locked(services, timedelta(hours=3))
    clock.advance(timedelta(hours=4))
    clock.run_ahead(timedelta(hours=4))
    for _ in range(3):
        services.settle()
    assert len(untrusted_notes(services)) == 1
    clock.advance(timedelta(minutes=59))
    services.settle()
    assert len(untrusted_notes(services)) == 1
    clock.advance(timedelta(minutes=2))
    services.settle()
    assert len(untrusted_notes(services)) == 2


def test_what_the_reference_says_is_due_is_settled_at_the_reference_time(
    services: Services, clock: FakeClock
) -> None:
    break_id = locked(services, timedelta(minutes=30))
    clock.advance(timedelta(hours=3))
    clock.run_ahead(timedelta(hours=2))
    settled = services.settle()
    assert [(b.id, b.status) for b in settled] == [(break_id, BreakStatus.COMPLETED)]
    with database_of(services).read() as session:
        done = event_store.recent_events(session, 1, break_id, [EventKind.BREAK_COMPLETED])
    # Stamped by the clock that was trusted, not the one that ran ahead.
    assert done[0].at == START + timedelta(hours=1)


def test_a_write_made_on_a_clock_ahead_finds_the_break_still_running(
    services: Services, clock: FakeClock
) -> None:
    break_id = locked(services)
    clock.advance(timedelta(hours=2))
    clock.run_ahead(timedelta(hours=2))
    # Settling inside the write would otherwise complete the break first ("no break is running").
    longer = services.breaks.extend(timedelta(minutes=30))
    assert longer.id == break_id
    assert longer.status is BreakStatus.ACTIVE
    assert longer.ends_at == START + timedelta(hours=1, minutes=30)


def test_a_clock_within_the_tolerance_is_trusted(services: Services, clock: FakeClock) -> None:
    break_id = locked(services)
    clock.advance(timedelta(hours=1))
    clock.run_ahead(timedelta(minutes=1, seconds=59))
    assert [b.id for b in services.settle()] == [break_id]
    assert untrusted_notes(services) == []


def test_a_clock_behind_only_settles_later_and_says_so(
    services: Services, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    break_id = locked(services)
    clock.advance(timedelta(minutes=59))
    clock.run_ahead(timedelta(hours=-1))
    assert services.settle() == []
    clock.advance(timedelta(minutes=1))
    with caplog.at_level(logging.WARNING, "breakwell.timeline"):
        assert [b.id for b in services.settle()] == [break_id]
    assert "1h behind the reference clock" in caplog.text
    assert untrusted_notes(services) == []


def test_the_real_clock_answers_to_the_server_on_postgresql_and_the_kernel_on_sqlite(
    services: Services, backend: str
) -> None:
    if backend == "sqlite" and kernel_now() is None:
        pytest.skip("this system has no /proc to read the kernel's clock from")
    before = datetime.now(UTC)
    with database_of(services).read() as session:
        reading = trusted_time(session)
    after = datetime.now(UTC)
    assert reading is not None
    expected = "the database server's clock" if backend == "postgresql" else "the kernel's clock"
    assert reading.source == expected
    # Both agree with this machine's clock (no faking here), to the few seconds the kernel's
    # boot time is rounded and slewed by, however long the reading took.
    assert before - timedelta(seconds=5) <= reading.at <= after + timedelta(seconds=5)


def test_a_process_clock_ahead_of_the_trusted_time_settles_nothing(
    settings: Settings, backend: str
) -> None:
    if backend == "sqlite" and kernel_now() is None:
        pytest.skip("this system has no /proc to read the kernel's clock from")
    # A little ahead from the start, within the tolerance, so however slowly the machine runs
    # this test the clock is still shown as two hours ahead when it is judged.
    clock = FakeClock(datetime.now(UTC) + timedelta(seconds=30))
    services = build_services(settings, clock)
    try:
        break_id = locked(services)
        clock.advance(timedelta(hours=2))
        timeline = Timeline(database_of(services), clock, "fast", trusted_time)
        assert timeline.settle() == []
        with database_of(services).read() as session:
            assert break_store.get_break(session, break_id).status is BreakStatus.ACTIVE
        (note,) = untrusted_notes(services)
        source = "the database server's clock" if backend == "postgresql" else "the kernel's clock"
        # The kernel's boot time is kept to the second, and the machine may be slow: about 2h.
        assert re.fullmatch(
            rf"(1h 59m|2h|2h 1m) ahead of {source}; settled by that clock instead", note
        )
    finally:
        services.close()

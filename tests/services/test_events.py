from datetime import timedelta

import pytest

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import InvalidInput
from breakwell.domain.events import EventKind
from breakwell.services import Services, build_services
from tests.conftest import START
from tests.journal import settings_of


def kinds(services: Services, **filters: object) -> list[str]:
    events = services.events.recent(**filters)  # type: ignore[arg-type]
    return [e.kind.value for e in reversed(events)]


def test_every_change_of_a_break_is_logged_once(services: Services, clock: FakeClock) -> None:
    stored = services.breaks.start(
        services.breaks.plan(timedelta(hours=1), strictness=Strictness.FIRM)
    )
    services.breaks.extend(timedelta(minutes=30))
    services.breaks.stop("a friend called")
    clock.advance(timedelta(minutes=2))
    services.breaks.stop()
    services.reflections.reflect(stored.id or 0, {"learned": "I was fine"})
    assert kinds(services) == [
        "break.started",
        "break.extended",
        "break.end_requested",
        "break.ended_early",
        "break.reflected",
    ]
    ended = services.events.recent(kinds=["break.ended_early"])[0]
    assert (ended.break_id, ended.detail, ended.at) == (stored.id, "a friend called", clock.now())
    assert ended.device == services.preferences.device


def test_a_transition_seen_by_many_processes_is_logged_once(
    services: Services, clock: FakeClock
) -> None:
    services.breaks.start(services.breaks.plan(timedelta(hours=1), at=START + timedelta(hours=1)))
    clock.advance(timedelta(hours=3))
    others = [build_services(settings_of(services), clock) for _ in range(3)]
    for other in others:
        other.breaks.status()
        other.settle()
        other.close()
    services.breaks.status()
    # It never ran, so it was missed, and that is recorded exactly once.
    assert kinds(services) == ["break.planned", "break.missed"]


def test_completion_and_slips_are_logged(services: Services, clock: FakeClock) -> None:
    services.breaks.start(services.breaks.plan(timedelta(hours=1)))
    services.journal.slip("opened it", platform="x")
    clock.advance(timedelta(hours=2))
    services.settle()
    services.settle()
    assert kinds(services) == ["break.started", "slip.logged", "break.completed"]
    assert kinds(services, kinds=["slip"]) == ["slip.logged"]
    assert services.events.recent(kinds=[EventKind.SLIP_LOGGED.value])[0].detail == "x"


def test_filters_are_checked(services: Services) -> None:
    with pytest.raises(InvalidInput, match="unknown event kind 'brake'"):
        services.events.recent(kinds=["brake"])
    with pytest.raises(InvalidInput, match="between 1 and 1000"):
        services.events.recent(limit=0)

from datetime import timedelta

import pytest

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import InvalidInput, NotFound, ReasonRequired, RuleRefused
from breakwell.services import Services
from tests.conftest import START


def start(services: Services, hours: float = 2, **options: object) -> int:
    proposal = services.breaks.plan(timedelta(hours=hours), **options)  # type: ignore[arg-type]
    stored = services.breaks.start(proposal)
    assert stored.id is not None
    return stored.id


def test_start_now_runs_and_status_shows_it(services: Services) -> None:
    break_id = start(services, platforms=["twitter", "ig"], strictness=Strictness.FIRM)
    status = services.breaks.status()
    assert status.active is not None
    assert status.active.id == break_id
    assert status.active.platforms == ("x", "instagram")
    assert status.active.strictness is Strictness.FIRM
    assert status.active.ends_at == START + timedelta(hours=2)


def test_defaults_come_from_config_and_catalogue(services: Services) -> None:
    item = services.breaks.get(start(services))
    assert item.mode is Mode.UNPLUG
    assert item.strictness is Strictness.GENTLE
    assert "x" in item.platforms
    assert "reddit" in item.platforms


def test_a_planned_break_starts_and_completes_as_time_passes(
    services: Services, clock: FakeClock
) -> None:
    break_id = start(services, hours=1, at=START + timedelta(hours=3))
    assert services.breaks.status().upcoming[0].id == break_id
    clock.advance(timedelta(hours=3, minutes=1))
    services.settle()
    assert services.breaks.status().active is not None
    clock.advance(timedelta(hours=2))
    services.settle()
    status = services.breaks.status()
    assert status.active is None
    done = services.breaks.get(break_id)
    assert done.status is BreakStatus.COMPLETED
    assert [b.id for b in status.awaiting_reflection] == [break_id]


def test_settle_writes_each_transition_once(services: Services, clock: FakeClock) -> None:
    start(services, hours=1)
    clock.advance(timedelta(hours=2))
    assert [b.status for b in services.settle()] == [BreakStatus.COMPLETED]
    assert services.settle() == []


def test_a_planned_break_that_never_ran_is_missed(services: Services, clock: FakeClock) -> None:
    break_id = start(services, hours=1, at=START + timedelta(hours=1))
    clock.advance(timedelta(days=1))
    services.settle()
    assert services.breaks.get(break_id).status is BreakStatus.MISSED
    assert services.reflections.awaiting() == []


def test_overlapping_breaks_are_refused(services: Services) -> None:
    start(services, hours=2)
    with pytest.raises(RuleRefused, match="already running until today 22:00; extend it"):
        services.breaks.start(services.breaks.plan(timedelta(hours=1)))
    later = START + timedelta(hours=5)
    start(services, hours=2, at=later)
    with pytest.raises(RuleRefused, match="overlap planned break #2"):
        services.breaks.check_can_start(
            services.breaks.plan(timedelta(hours=1), at=later + timedelta(minutes=30))
        )


def test_start_rejects_a_time_in_the_past(services: Services) -> None:
    with pytest.raises(InvalidInput, match="in the past"):
        services.breaks.plan(timedelta(hours=1), at=START - timedelta(hours=1))


def test_before_answers_are_validated_and_stored_with_the_break(services: Services) -> None:
    proposal = services.breaks.plan(timedelta(hours=1), intention="notice who leads")
    with pytest.raises(InvalidInput, match="from 1 to 5"):
        services.breaks.start(proposal, {"mood_before": "9"})
    assert services.breaks.history() == []
    stored = services.breaks.start(proposal, {"mood_before": "2", "expect_miss": "news"})
    assert stored.id is not None
    detail = services.breaks.detail(stored.id)
    assert {a.prompt_key: a.value for a in detail.answers} == {
        "mood_before": "2",
        "expect_miss": "news",
    }
    assert detail.item.intention == "notice who leads"


def test_extend_works_for_every_strictness_and_refuses_overlaps(services: Services) -> None:
    break_id = start(services, hours=1, strictness=Strictness.LOCKED)
    extended = services.breaks.extend(timedelta(minutes=30))
    assert extended.ends_at == START + timedelta(hours=1, minutes=30)
    start(services, hours=1, at=START + timedelta(hours=2))
    with pytest.raises(RuleRefused, match="overlap planned"):
        services.breaks.extend(timedelta(hours=1), break_id)
    assert services.breaks.get(break_id).ends_at == extended.ends_at


def test_stop_without_a_running_break_is_refused(services: Services) -> None:
    with pytest.raises(RuleRefused, match="no break is running"):
        services.breaks.stop()


def test_gentle_stop_ends_early(services: Services, clock: FakeClock) -> None:
    break_id = start(services)
    clock.advance(timedelta(minutes=10))
    outcome = services.breaks.stop()
    assert outcome.ended
    item = services.breaks.get(break_id)
    assert item.status is BreakStatus.ENDED_EARLY
    assert item.ended_at == START + timedelta(minutes=10)
    assert item.awaits_reflection


def test_firm_stop_needs_a_reason_and_a_cool_down(services: Services, clock: FakeClock) -> None:
    break_id = start(services, strictness=Strictness.FIRM)
    with pytest.raises(ReasonRequired):
        services.breaks.stop()
    outcome = services.breaks.stop("my sister is posting news")
    assert not outcome.ended
    assert outcome.ready_at == START + timedelta(seconds=60)
    clock.advance(timedelta(seconds=20))
    with pytest.raises(RuleRefused, match="cooling down: it can end in 40s"):
        services.breaks.stop()
    assert services.breaks.get(break_id).status is BreakStatus.ACTIVE
    clock.advance(timedelta(seconds=40))
    final = services.breaks.stop()
    assert final.ended
    assert final.item.end_reason == "my sister is posting news"


def test_locked_stop_is_always_refused(services: Services, clock: FakeClock) -> None:
    break_id = start(services, strictness=Strictness.LOCKED)
    for reason in (None, "emergency"):
        clock.advance(timedelta(minutes=5))
        with pytest.raises(RuleRefused, match="locked"):
            services.breaks.stop(reason)
    assert services.breaks.get(break_id).status is BreakStatus.ACTIVE


def test_cancel_a_planned_break_but_not_a_running_one(services: Services) -> None:
    running = start(services, hours=1)
    planned = start(services, hours=1, at=START + timedelta(hours=4))
    assert services.breaks.cancel(planned).status is BreakStatus.CANCELLED
    with pytest.raises(RuleRefused, match="already running"):
        services.breaks.cancel(running)
    with pytest.raises(NotFound, match="no break #404"):
        services.breaks.cancel(404)


def test_history_pages_newest_first(services: Services, clock: FakeClock) -> None:
    ids = []
    for _ in range(5):
        ids.append(start(services, hours=1))
        clock.advance(timedelta(hours=2))
    first = services.breaks.history(limit=2)
    assert [b.id for b in first] == [ids[4], ids[3]]
    second = services.breaks.history(limit=2, before_id=ids[3])
    assert [b.id for b in second] == [ids[2], ids[1]]
    with pytest.raises(InvalidInput):
        services.breaks.history(limit=0)

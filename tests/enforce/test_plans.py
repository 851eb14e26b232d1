from datetime import UTC, datetime, timedelta

import pytest

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import InvalidInput, NotFound
from breakwell.domain.recurrence import recurrence_from
from breakwell.enforce.engine import Engine
from breakwell.services import Services
from breakwell.services.plans import occurrences, window_end
from tests.conftest import START
from tests.enforce.conftest import HOSTS, Driver, Inbox

Enforced = tuple[Services, Engine, Driver, Inbox]
MONDAY = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


def daily(services: Services, at: str = "09:00", length: str = "10m", **options: object) -> int:
    rule = recurrence_from(every="day", at=at, length=length)
    plan = services.plans.add(rule, platforms=["x"], timezone="UTC", **options)  # type: ignore[arg-type]
    assert plan.id is not None
    return plan.id


def test_a_daily_plan_runs_on_time_for_a_week_through_an_eight_hour_sleep(
    enforced: Enforced, clock: FakeClock, hosts_file: object
) -> None:
    services, engine, driver, inbox = enforced
    clock.set(MONDAY)
    daily(services)
    engine.reconcile()
    driver.advance(timedelta(days=2, hours=9, minutes=5))  # Wednesday 09:05, mid-break
    driver.sleep(timedelta(hours=8))  # the lid closes until 17:05
    driver.advance(timedelta(days=4, hours=14))  # through Sunday night
    items = sorted(services.breaks.history(limit=50), key=lambda b: b.starts_at)
    assert [b.starts_at for b in items] == [MONDAY + timedelta(days=d, hours=9) for d in range(8)]
    # Next Monday's is already made (within the 24-hour horizon) and waits its turn.
    assert items.pop().status is BreakStatus.PLANNED
    assert all(b.status is BreakStatus.COMPLETED for b in items)
    assert all(b.ends_at == b.starts_at + timedelta(minutes=10) for b in items)
    started = [e.at for e in services.events.recent(limit=500, kinds=["break.started"])]
    assert sorted(started) == [MONDAY + timedelta(days=d, hours=9) for d in range(7)]
    completed = sorted(e.at for e in services.events.recent(limit=500, kinds=["break.completed"]))
    wednesday_end = MONDAY + timedelta(days=2, hours=17, minutes=5)  # noticed on waking
    assert completed[2] == wednesday_end
    assert len(completed) == 7
    assert inbox.titles.count("Break #3 is complete") == 1


def test_ending_a_plan_break_early_does_not_bring_it_back(
    enforced: Enforced, clock: FakeClock
) -> None:
    services, engine, _, _ = enforced
    clock.set(MONDAY + timedelta(hours=8, minutes=59))
    daily(services, length="1h")
    engine.reconcile()
    clock.set(MONDAY + timedelta(hours=9, minutes=10))
    engine.reconcile()
    services.breaks.stop()
    engine.reconcile()
    engine.reconcile()
    today = [b for b in services.breaks.history() if b.starts_at.date() == MONDAY.date()]
    assert [b.status for b in today] == [BreakStatus.ENDED_EARLY]
    # Tomorrow's occurrence is already made: it is within the 24-hour horizon.
    later = [b for b in services.breaks.history() if b not in today]
    assert [b.starts_at for b in later] == [MONDAY + timedelta(days=1, hours=9)]


def test_pausing_takes_back_unstarted_breaks_and_resuming_restores_them(
    enforced: Enforced, clock: FakeClock
) -> None:
    services, engine, _, _ = enforced
    clock.set(MONDAY)
    plan_id = daily(services)
    engine.reconcile()
    assert [b.status for b in services.breaks.history()] == [BreakStatus.PLANNED]
    services.plans.pause(plan_id)
    engine.reconcile()
    assert services.breaks.history() == []
    assert services.plans.views()[0].upcoming == ()
    services.plans.resume(plan_id)
    engine.reconcile()
    assert [b.starts_at for b in services.breaks.history()] == [MONDAY + timedelta(hours=9)]
    services.plans.remove(plan_id)
    assert services.plans.views() == []
    with pytest.raises(NotFound, match="no plan #1"):
        services.plans.pause(plan_id)
    assert [e.kind.value for e in reversed(services.events.recent(kinds=["plan"]))] == [
        "plan.added",
        "plan.paused",
        "plan.resumed",
        "plan.removed",
    ]


def test_plans_follow_their_own_wall_clock_across_daylight_saving(services: Services) -> None:
    rule = recurrence_from(every="sunday", at="09:00", length="1h")
    plan = services.plans.add(rule, platforms=["x"], timezone="Europe/Berlin")
    around_change = datetime(2026, 10, 18, tzinfo=UTC)
    found = occurrences(plan, around_change, around_change + timedelta(days=14))
    # 09:00 in Berlin is 07:00 UTC in summer time and 08:00 UTC after the clocks go back.
    assert found == [
        datetime(2026, 10, 18, 7, 0, tzinfo=UTC),
        datetime(2026, 10, 25, 8, 0, tzinfo=UTC),
    ]


def test_invalid_or_impossible_rules_are_refused(services: Services) -> None:
    with pytest.raises(InvalidInput, match="invalid cron expression"):
        services.plans.add(recurrence_from(cron="99 * * * 1", length="1h"))
    with pytest.raises(InvalidInput, match="never happens"):
        services.plans.add(recurrence_from(cron="0 9 31 2 *", length="1h"), timezone="UTC")
    with pytest.raises(InvalidInput, match="unknown time zone"):
        services.plans.add(
            recurrence_from(every="day", at="09:00", length="1h"), timezone="Mars/Base"
        )
    assert services.plans.views() == []


def test_views_show_the_next_breaks(services: Services) -> None:
    daily(services, at="21:00")
    view = services.plans.views(count=2)[0]
    assert view.upcoming == (START + timedelta(hours=1), START + timedelta(days=1, hours=1))
    assert HOSTS  # the shared fixtures module is imported for the engine tests too


def test_an_occurrence_touching_several_breaks_runs_beside_them_each_on_its_own(
    enforced: Enforced, clock: FakeClock
) -> None:
    services, engine, driver, _ = enforced
    clock.set(MONDAY)
    for hour in (10, 12):
        services.breaks.start(
            services.breaks.plan(
                timedelta(hours=1), at=MONDAY + timedelta(hours=hour), platforms=["reddit"]
            )
        )
    daily(services, at="10:30", length="2h")
    engine.reconcile()
    windows = [(b.starts_at, b.ends_at) for b in services.breaks.history() if b.status.is_open]
    assert sorted(windows) == [
        (MONDAY + timedelta(hours=10), MONDAY + timedelta(hours=11)),
        (MONDAY + timedelta(hours=10, minutes=30), MONDAY + timedelta(hours=12, minutes=30)),
        (MONDAY + timedelta(hours=12), MONDAY + timedelta(hours=13)),
    ]
    driver.advance(timedelta(hours=12, minutes=15))
    assert len(services.breaks.status().running) == 2
    driver.advance(timedelta(hours=1))
    today = [b for b in services.breaks.history() if b.starts_at.date() == MONDAY.date()]
    assert [b.status for b in today] == [BreakStatus.COMPLETED] * 3
    assert services.events.recent(kinds=["break.merged", "break.cancelled"]) == []


def test_a_plan_whose_breaks_would_run_into_each_other_is_refused(services: Services) -> None:
    with pytest.raises(InvalidInput, match="longer than the 1d between two of them"):
        daily(services, length="48h")
    with pytest.raises(InvalidInput, match="longer than the 1d between"):
        services.plans.add(recurrence_from(every="weekday", at="09:00", length="25h"))
    assert services.plans.views() == []


def test_a_plan_added_during_its_window_starts_with_the_next_occurrence(
    enforced: Enforced, clock: FakeClock
) -> None:
    services, engine, _, _ = enforced
    clock.set(MONDAY + timedelta(hours=10))
    daily(services, at="09:00", length="8h", strictness=Strictness.LOCKED)
    engine.reconcile()
    assert services.breaks.status().active is None
    assert [b.starts_at for b in services.breaks.history()] == [MONDAY + timedelta(days=1, hours=9)]


def test_a_time_repeated_when_clocks_go_back_happens_once(services: Services) -> None:
    rule = recurrence_from(every="day", at="01:30", length="10m")
    plan = services.plans.add(rule, platforms=["x"], timezone="America/New_York")
    night = datetime(2026, 11, 1, 4, 0, tzinfo=UTC)  # 00:00 in New York, before the change
    found = occurrences(plan, night, night + timedelta(hours=6))
    assert found == [datetime(2026, 11, 1, 5, 30, tzinfo=UTC)]


def test_a_night_window_ends_at_its_wall_clock_time_across_a_clock_change(
    services: Services,
) -> None:
    rule = recurrence_from(every="day", start="21:00", end="07:00")
    plan = services.plans.add(rule, platforms=["x"], timezone="Europe/Berlin")
    saturday = datetime(2026, 3, 28, 20, 0, tzinfo=UTC)  # 21:00 in Berlin, clocks jump at 02:00
    assert window_end(plan, saturday) == datetime(2026, 3, 29, 5, 0, tzinfo=UTC)  # 07:00 CEST
    normal = datetime(2026, 3, 30, 19, 0, tzinfo=UTC)
    assert window_end(plan, normal) - normal == timedelta(hours=10)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"cron": "0 9 1 * 1", "length": "1h"}, "use two plans"),
        ({"every": "day", "start": "21:00", "end": "21:00"}, "the same time"),
    ],
)
def test_ambiguous_rules_are_refused(options: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        recurrence_from(**options)


def test_plan_names_are_one_line(services: Services) -> None:
    with pytest.raises(InvalidInput, match="one line"):
        daily(services, name="first\nsecond")

"""A stored plan that breaks the plan rules (edited by hand, or let in by an older import) is
shown as broken and skipped, never a crash, and can always be paused or removed."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import text

from breakwell.domain.errors import InvalidInput
from breakwell.domain.plans import BrokenPlan, Plan, check_plan, plan_from_fields
from breakwell.domain.recurrence import recurrence_from
from breakwell.services import Services
from tests.conftest import START
from tests.journal import database_of

# A column, the value a hand edit leaves in it, and words of the reason given for it.
BAD_ROWS = [
    ("rule", "every full moon", "5 fields"),
    ("rule", "61 9 * * mon", "minute field"),
    ("rule", "0 9 * * 1", "day names"),
    ("timezone", "Mars/Olympus_Mons", "unknown time zone"),
    ("timezone", "Europe", "unknown time zone"),
    ("until", "soon", "end time"),
    ("until", "25:99", "end time"),
    ("length_seconds", 2**31 - 1, "at most 7 days"),
    ("length_seconds", -60, "more than nothing"),
    ("mode", "sideways", "unknown mode"),
]


def hand_edit(services: Services, plan_id: int, column: str, value: object) -> None:
    with database_of(services).write() as session:
        session.execute(
            text(f"UPDATE plans SET {column} = :value WHERE id = :id"),
            {"value": value, "id": plan_id},
        )


def add_daily(services: Services, at: str) -> int:
    rule = recurrence_from(every="day", at=at, length="30m")
    plan = services.plans.add(rule, platforms=["x"], timezone="UTC")
    assert plan.id is not None
    return plan.id


def skipped_events(services: Services) -> list[str]:
    return [e.detail for e in services.events.recent(limit=50, kinds=["row.skipped"])]


@pytest.mark.parametrize(("column", "value", "reason"), BAD_ROWS)
def test_a_broken_plan_is_skipped_and_reported_once_while_the_others_run(
    services: Services, column: str, value: object, reason: str
) -> None:
    good = add_daily(services, "21:00")  # START is 20:00 UTC
    bad = add_daily(services, "22:00")
    hand_edit(services, bad, column, value)

    [made] = services.plans.materialize()
    assert (made.plan_id, made.starts_at) == (good, START + timedelta(hours=1))
    assert services.plans.materialize() == []  # a second pass reports nothing new
    # Tomorrow's comes within the day-ahead horizon at 21:00 tonight.
    assert services.plans.next_materialization() == START + timedelta(hours=1)

    [view] = services.plans.views()
    assert view.plan.id == good
    [broken] = services.plans.broken()
    assert (broken.id, broken.paused) == (bad, False)
    assert reason in broken.reason
    assert skipped_events(services) == [f"plan #{bad}: {broken.reason}"]


def test_a_broken_plan_can_be_paused_and_removed_but_not_resumed(services: Services) -> None:
    bad = add_daily(services, "22:00")
    hand_edit(services, bad, "timezone", "Mars/Olympus_Mons")

    paused = services.plans.pause(bad)
    assert isinstance(paused, BrokenPlan)
    assert services.plans.broken()[0].paused
    with pytest.raises(InvalidInput, match=f"plan #{bad} cannot be used .*unknown time zone"):
        services.plans.resume(bad)
    with pytest.raises(InvalidInput, match="remove it"):
        services.plans.edit(bad, recurrence_from(every="day", at="09:00", length="1h"))

    removed = services.plans.remove(bad)
    assert removed.id == bad
    assert services.plans.broken() == []
    [event] = services.events.recent(limit=5, kinds=["plan.removed"])
    assert "broken: unknown time zone" in event.detail


def test_a_plan_a_hand_edit_broke_can_be_removed_with_its_planned_breaks(
    services: Services,
) -> None:
    bad = add_daily(services, "21:00")
    [made] = services.plans.materialize()
    hand_edit(services, bad, "rule", "every full moon")

    services.plans.remove(bad)
    assert services.breaks.history() == []  # the break it planned is taken back
    assert made.id is not None


def stored(
    rule: str = "0 9 * * mon",
    length_seconds: int = 3600,
    until: str | None = None,
    name: str = "mornings",
    timezone: str = "Europe/Berlin",
) -> Plan:
    return plan_from_fields(
        rule=rule,
        length_seconds=length_seconds,
        timezone=timezone,
        until=until,
        mode="unplug",
        strictness="locked",
        name=name,
    )


EVERY_DAY = "sun,mon,tue,wed,thu,fri,sat"


def test_the_stored_form_is_checked_by_the_same_function_as_plan_add() -> None:
    plan = stored()
    check_plan(plan)
    assert plan.recurrence == recurrence_from(every="monday", at="09:00", length="1h")
    window = stored("0 21 * * mon", 36000, "07:00")
    assert window.recurrence == recurrence_from(every="monday", start="21:00", end="07:00")
    wrongs: list[tuple[Callable[[], Plan], str]] = [
        (lambda: stored(f"*/10 * * * {EVERY_DAY}", 900), "longer than the 10m between"),
        (lambda: stored(f"0 0 30 feb {EVERY_DAY}"), "never happens"),
        (lambda: stored(f"0 0 1,31 * {EVERY_DAY}", 2 * 86400), "longer than the 1d"),
        (lambda: stored("0 0 1 * mon"), "ambiguous"),
        (lambda: stored("*/0 9 * * mon"), "minute field"),
        (lambda: stored("0 9-5 * * mon"), "hour field"),
        (lambda: stored("0 9 * * mon", until="09:00"), "cannot end at"),
        (lambda: stored("0 21 * * mon", until="07:00"), "lasts 10h, not 1h"),
        (lambda: stored(name="a\x00b"), "one line"),
        (lambda: stored(timezone="x" * 300), "unknown time zone"),
    ]
    for wrong, words in wrongs:
        with pytest.raises(InvalidInput, match=words):
            wrong()


def test_every_rule_the_check_lets_through_the_cron_engine_reads() -> None:
    from apscheduler.triggers.cron import CronTrigger

    for rule in [
        f"*/59 */23 */30 */11 {EVERY_DAY}",
        f"5/10 1-23/22 last jan-mar,dec {EVERY_DAY}",
        "0 0 * * sat,sun",
        f"0,30 9-17/2 1-31/2 * {EVERY_DAY}",
    ]:
        check_plan(stored(rule, 60))
        CronTrigger.from_crontab(rule, timezone="UTC")

"""A stored plan that breaks the plan rules (edited by hand, or let in by an older import) is
shown as broken and skipped, never a crash, and can always be paused or removed."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from breakwell.domain.errors import InvalidInput
from breakwell.domain.plans import BrokenPlan, check_plan, plan_from_fields
from breakwell.domain.recurrence import recurrence_from
from breakwell.services import Services
from tests.conftest import START

# A column, the value a hand edit leaves in it, and words of the reason given for it.
BAD_ROWS = [
    ("rule", "every full moon", "5 fields"),
    ("rule", "61 9 * * mon", "minute field"),
    ("rule", "0 9 * * 1", "day names"),
    ("timezone", "Mars/Olympus_Mons", "unknown time zone"),
    ("timezone", "Europe", "unknown time zone"),
    ("until", "soon", "end time"),
    ("until", "25:99", "end time"),
    ("length_seconds", 10**14, "at most 7 days"),
    ("length_seconds", -60, "more than nothing"),
    ("mode", "sideways", "unknown mode"),
]


def hand_edit(services: Services, plan_id: int, column: str, value: object) -> None:
    with services.database.write() as session:
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


def test_the_stored_form_is_checked_by_the_same_function_as_plan_add() -> None:
    fields = {
        "rule": "0 9 * * mon",
        "length_seconds": 3600,
        "timezone": "Europe/Berlin",
        "until": None,
        "mode": "unplug",
        "strictness": "locked",
        "name": "mornings",
    }
    plan = plan_from_fields(**fields)  # type: ignore[arg-type]
    check_plan(plan)
    assert plan.recurrence == recurrence_from(every="monday", at="09:00", length="1h")
    for change, words in [
        ({"rule": "*/10 * * * sun,mon,tue,wed,thu,fri,sat", "length_seconds": 900}, "longer"),
        ({"rule": "0 0 30 feb sun,mon,tue,wed,thu,fri,sat"}, "never happens"),
        ({"rule": "0 0 1 * mon"}, "ambiguous"),
        ({"rule": "*/0 9 * * mon"}, "minute field"),
        ({"rule": "0 9 * * mon", "until": "09:00"}, "cannot end at"),
        ({"rule": "0 21 * * mon", "until": "07:00", "length_seconds": 3600}, "lasts 10h"),
        ({"name": "a\x00b"}, "one line"),
        ({"timezone": "x" * 300}, "unknown time zone"),
    ]:
        with pytest.raises(InvalidInput, match=words):
            plan_from_fields(**{**fields, **change})  # type: ignore[arg-type]
    window = plan_from_fields(
        **{**fields, "rule": "0 21 * * mon", "until": "07:00"} | {"length_seconds": 36000}
    )  # type: ignore[arg-type]
    assert window.recurrence == recurrence_from(every="monday", start="21:00", end="07:00")

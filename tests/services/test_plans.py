from datetime import timedelta

import pytest

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.errors import InvalidInput, NotFound
from breakwell.domain.recurrence import Recurrence, recurrence_from
from breakwell.services import Services
from tests.conftest import START

HOUR = timedelta(hours=1)


def daily(at: str, length: str = "1h") -> Recurrence:
    return recurrence_from(every="day", at=at, length=length)


def plan_kinds(services: Services) -> list[str]:
    return [e.kind.value for e in reversed(services.events.recent(kinds=["plan"]))]


def test_an_edit_replaces_the_rule_and_remakes_unstarted_breaks_under_it(
    services: Services, clock: FakeClock
) -> None:
    # START is Monday 20:00 UTC, 21:00 in Berlin.
    plan = services.plans.add(
        daily("22:00"), platforms=["x"], name="evening", timezone="Europe/Berlin"
    )
    assert plan.id is not None
    clock.advance(timedelta(minutes=30))
    [old] = services.plans.materialize()
    assert old.starts_at == START + HOUR

    edited = services.plans.edit(
        plan.id,
        daily("23:30", "30m"),
        platforms=["reddit", "Instagram"],
        mode=Mode.WATCH,
        strictness=Strictness.FIRM,
        name="  late  ",
    )
    assert edited.recurrence == daily("23:30", "30m")
    assert edited.platforms == ("reddit", "instagram")
    assert (edited.mode, edited.strictness, edited.name) == (Mode.WATCH, Strictness.FIRM, "late")
    assert (edited.timezone, edited.paused, edited.created_at) == ("Europe/Berlin", False, START)
    assert services.plans.views()[0].plan == edited
    assert services.breaks.history() == []  # the unstarted break was taken back

    [new] = services.plans.materialize()
    assert (new.starts_at, new.ends_at) == (START + 2.5 * HOUR, START + 3 * HOUR)
    assert (new.platforms, new.mode, new.intention) == (("reddit", "instagram"), Mode.WATCH, "late")
    assert new.plan_id == plan.id
    assert plan_kinds(services) == ["plan.added", "plan.edited"]
    assert services.events.recent(kinds=["plan.edited"])[0].detail == (
        f"plan #{plan.id}: every day at 23:30 for 30m"
    )


def test_an_edit_leaves_a_running_break_to_finish(services: Services, clock: FakeClock) -> None:
    plan = services.plans.add(daily("20:30"), platforms=["x"], timezone="UTC")
    assert plan.id is not None
    clock.advance(timedelta(minutes=40))
    services.plans.materialize()  # tonight's runs now; tomorrow night's is within the horizon
    before = services.breaks.history()
    assert [b.status for b in before] == [BreakStatus.PLANNED, BreakStatus.ACTIVE]

    services.plans.edit(plan.id, daily("09:00"), platforms=["x"])
    assert services.breaks.history() == before[1:]
    [made] = services.plans.materialize()
    assert made.starts_at == START + timedelta(hours=13)
    assert [b.status for b in services.breaks.history()] == [
        BreakStatus.PLANNED,
        BreakStatus.ACTIVE,
    ]


def test_a_paused_plan_stays_paused_when_edited(services: Services) -> None:
    plan = services.plans.add(daily("21:00"), platforms=["x"], timezone="UTC")
    assert plan.id is not None
    services.plans.pause(plan.id)
    edited = services.plans.edit(plan.id, daily("22:00"), platforms=["x"])
    assert edited.paused
    assert services.plans.materialize() == []
    assert services.plans.views()[0].upcoming == ()


def test_omitted_choices_take_the_defaults_as_adding_does(services: Services) -> None:
    plan = services.plans.add(
        daily("21:00"), platforms=["x"], mode=Mode.WATCH, name="old", timezone="UTC"
    )
    assert plan.id is not None
    edited = services.plans.edit(plan.id, daily("21:00"))
    assert edited.platforms == services.preferences.default_platforms
    assert (edited.mode, edited.strictness, edited.name) == (Mode.UNPLUG, Strictness.GENTLE, "")


@pytest.mark.parametrize(
    ("rule", "options", "message"),
    [
        (recurrence_from(cron="99 * * * 1", length="1h"), {}, "invalid cron expression"),
        (daily("09:00", "2d"), {}, "longer than the 1d between two of them; make it shorter"),
        (daily("09:00"), {"platforms": ["myspace"]}, "unknown platform 'myspace'"),
        (daily("09:00"), {"name": "x" * 81}, "one line of at most 80 characters"),
        (daily("09:00"), {"name": "two\nlines"}, "one line of at most 80 characters"),
    ],
)
def test_a_refused_edit_changes_nothing(
    services: Services, rule: Recurrence, options: dict[str, object], message: str
) -> None:
    plan = services.plans.add(daily("21:00"), platforms=["x"], timezone="UTC")
    assert plan.id is not None
    planned = services.plans.materialize()
    with pytest.raises(InvalidInput, match=message):
        services.plans.edit(plan.id, rule, **options)  # type: ignore[arg-type]
    assert services.plans.views()[0].plan == plan
    assert services.breaks.history() == planned
    assert plan_kinds(services) == ["plan.added"]


def test_editing_an_unknown_plan_is_refused(services: Services) -> None:
    with pytest.raises(NotFound, match="there is no plan #99"):
        services.plans.edit(99, daily("09:00"))
    assert services.events.recent() == []

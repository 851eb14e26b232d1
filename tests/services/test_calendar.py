from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.plans import Plan
from breakwell.domain.platforms import DEFAULT_CATALOGUE
from breakwell.domain.recurrence import recurrence_from
from breakwell.domain.values import replace
from breakwell.services import Services
from breakwell.services.calendar import to_ics
from tests.conftest import START

HOUR = timedelta(hours=1)


def render(
    plans: Sequence[Plan] = (), breaks: Sequence[Break] = (), now: datetime = START
) -> Calendar:
    return Calendar.from_ical(to_ics(plans, breaks, DEFAULT_CATALOGUE, now))


def wall(moment: object) -> tuple[datetime, str]:
    """A datetime as its wall clock and its zone's name, which `==` alone would not compare."""
    assert isinstance(moment, datetime)
    return moment.replace(tzinfo=None), str(moment.tzinfo)


def uids(calendar: Calendar) -> list[str]:
    return [str(e["UID"]) for e in calendar.events]


def plan(plan_id: int, every: str, at: str = "09:00", length: str = "1h", **fields: object) -> Plan:
    made = Plan(
        recurrence=recurrence_from(every=every, at=at, length=length),
        platforms=("x",),
        id=plan_id,
        created_at=START,
    )
    return replace(made, **fields)


def one_off(break_id: int, status: BreakStatus, **fields: object) -> Break:
    made = Break(
        starts_at=START + 2 * HOUR,
        ends_at=START + 5 * HOUR,
        platforms=("reddit", "tiktok"),
        strictness=Strictness.FIRM,
        status=status,
        id=break_id,
    )
    return replace(made, **fields)


def test_the_calendar_names_itself_and_is_empty_without_plans_or_breaks() -> None:
    data = to_ics([], [], DEFAULT_CATALOGUE, START)
    calendar = Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == "-//breakwell//breakwell//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "breakwell breaks"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert calendar.events == []
    assert calendar.timezones == []


def test_a_weekly_plan_is_one_recurring_event_on_its_own_wall_clock() -> None:
    # START is Monday 2026-11-23 21:00 in Berlin; the first Sunday after it is the 29th.
    weekly = plan(1, "sunday", length="24h", platforms=("x", "instagram"), timezone="Europe/Berlin")
    data = to_ics([weekly], [], DEFAULT_CATALOGUE, START)
    calendar = Calendar.from_ical(data)

    [event] = calendar.events
    assert str(event["UID"]) == "plan-1@breakwell"
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=SU"
    assert wall(event.start) == (datetime(2026, 11, 29, 9, 0), "Europe/Berlin")
    assert wall(event.end) == (datetime(2026, 11, 30, 9, 0), "Europe/Berlin")
    assert event.end - event.start == timedelta(hours=24)
    assert b"DTSTART;TZID=Europe/Berlin:20261129T090000\r\n" in data
    assert b"DTEND;TZID=Europe/Berlin:20261130T090000\r\n" in data
    assert event.DTSTAMP == START
    assert str(event["SUMMARY"]) == "Break from X (Twitter), Instagram"
    assert str(event["DESCRIPTION"]) == (
        "Mode: unplug\nStrictness: gentle\nRepeats: every Sunday at 09:00 for 1d"
    )
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]


def test_a_named_plan_is_called_by_its_name() -> None:
    named = plan(
        2,
        "sunday",
        name="Sunday reset",
        mode=Mode.WATCH,
        strictness=Strictness.LOCKED,
        timezone="Europe/Berlin",
    )
    [event] = render([named]).events
    assert str(event["SUMMARY"]) == "Sunday reset (break from X (Twitter))"
    assert str(event["DESCRIPTION"]) == (
        "Mode: watch\nStrictness: locked\nRepeats: every Sunday at 09:00 for 1h"
    )


def test_a_plan_for_every_day_repeats_daily() -> None:
    data = to_ics([plan(3, "day", at="07:30", timezone="UTC")], [], DEFAULT_CATALOGUE, START)
    calendar = Calendar.from_ical(data)
    [event] = calendar.events
    assert event["RRULE"].to_ical() == b"FREQ=DAILY"
    # UTC is written with Z, which needs no VTIMEZONE.
    assert b"DTSTART:20261124T073000Z\r\n" in data
    assert calendar.timezones == []
    assert (event.start, event.end) == (
        datetime(2026, 11, 24, 7, 30, tzinfo=UTC),
        datetime(2026, 11, 24, 8, 30, tzinfo=UTC),
    )


def test_a_series_starts_at_the_first_occurrence_since_the_plan_was_made() -> None:
    made_earlier = plan(3, "day", at="07:30", timezone="UTC", created_at=START - 3 * 24 * HOUR)
    [event] = render([made_earlier]).events
    assert event.start == datetime(2026, 11, 21, 7, 30, tzinfo=UTC)

    never_stored_when = plan(3, "day", at="07:30", timezone="UTC", created_at=None)
    [event] = render([never_stored_when], now=START + 12 * HOUR).events
    assert event.start == datetime(2026, 11, 25, 7, 30, tzinfo=UTC)


def test_a_series_first_due_in_the_spring_forward_gap_keeps_its_wall_clock_time() -> None:
    # 02:30 does not exist in Berlin on 28 March 2027; that break begins at 03:30 CEST, but
    # the series must still say 02:30 or every later Sunday would move to 03:30.
    made = datetime(2027, 3, 27, tzinfo=UTC)
    early = plan(7, "sunday", at="02:30", timezone="Europe/Berlin", created_at=made)
    data = to_ics([early], [], DEFAULT_CATALOGUE, START)
    assert b"DTSTART;TZID=Europe/Berlin:20270328T023000\r\n" in data
    assert b"DTEND;TZID=Europe/Berlin:20270328T043000\r\n" in data


def test_a_night_window_ends_at_its_wall_clock_time_the_next_morning() -> None:
    window = replace(
        plan(4, "weeknight", timezone="Europe/Berlin"),
        recurrence=recurrence_from(every="weeknight", start="21:00", end="07:00"),
    )
    [event] = render([window]).events
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=SU,MO,TU,WE,TH"
    # The plan was made at exactly 21:00 Berlin time, and that night counts.
    assert wall(event.start) == (datetime(2026, 11, 23, 21, 0), "Europe/Berlin")
    assert wall(event.end) == (datetime(2026, 11, 24, 7, 0), "Europe/Berlin")
    assert str(event["DESCRIPTION"]).endswith("Repeats: weeknights at 21:00 for 10h")


def test_a_cron_rule_no_rrule_can_say_becomes_its_occurrences_for_eight_weeks() -> None:
    twice = Plan(
        recurrence=recurrence_from(cron="0 9,18 * * mon", length="30m"),
        platforms=("youtube",),
        timezone="Europe/Berlin",
        id=5,
        created_at=START,
    )
    calendar = render([twice])
    events = calendar.events
    assert all("RRULE" not in e for e in events)
    # Today's 09:00 and 18:00 have passed; eight weeks on is Monday 18 January at 21:00.
    mondays = [date(2026, 11, 30) + timedelta(weeks=n) for n in range(8)]
    expected = [datetime(d.year, d.month, d.day, h, 0) for d in mondays for h in (9, 18)]
    assert [wall(e.start) for e in events] == [(w, "Europe/Berlin") for w in expected]
    assert [wall(e.end) for e in events] == [
        (w + timedelta(minutes=30), "Europe/Berlin") for w in expected
    ]
    assert uids(calendar)[:3] == [
        "plan-5-20261130T080000Z@breakwell",
        "plan-5-20261130T170000Z@breakwell",
        "plan-5-20261207T080000Z@breakwell",
    ]
    assert uids(calendar)[-1] == "plan-5-20270118T170000Z@breakwell"
    assert str(events[0]["SUMMARY"]) == "Break from YouTube"
    assert str(events[0]["DESCRIPTION"]) == (
        "Mode: unplug\nStrictness: gentle\nRepeats: cron '0 9,18 * * mon' for 30m"
    )
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]


def test_a_rule_on_days_of_the_month_is_written_out_too() -> None:
    monthly = Plan(
        recurrence=recurrence_from(cron="0 8 1 * *", length="2h"),
        platforms=("x",),
        id=6,
        created_at=START,
    )
    events = render([monthly]).events
    assert [e.start for e in events] == [
        datetime(2026, 12, 1, 8, tzinfo=UTC),
        datetime(2027, 1, 1, 8, tzinfo=UTC),
    ]
    assert all("RRULE" not in e for e in events)


def test_a_paused_plan_is_left_out() -> None:
    calendar = render([plan(1, "sunday", paused=True), plan(2, "monday")])
    assert uids(calendar) == ["plan-2@breakwell"]


def test_open_breaks_are_shown_in_utc_and_ended_or_called_off_ones_are_not() -> None:
    breaks = [
        one_off(10, BreakStatus.PLANNED, intention="read a book"),
        one_off(11, BreakStatus.ACTIVE, starts_at=START - HOUR, ends_at=START + HOUR),
        one_off(12, BreakStatus.COMPLETED),
        one_off(13, BreakStatus.CANCELLED),
        one_off(14, BreakStatus.ENDED_EARLY),
        one_off(15, BreakStatus.MISSED),
    ]
    data = to_ics([], breaks, DEFAULT_CATALOGUE, START)
    planned, active = Calendar.from_ical(data).events

    assert str(planned["UID"]) == "break-10@breakwell"
    assert (planned.start, planned.end) == (START + 2 * HOUR, START + 5 * HOUR)
    assert wall(planned.start) == (datetime(2026, 11, 23, 22, 0), "UTC")
    assert b"DTSTART:20261123T220000Z\r\n" in data
    assert b"DTEND:20261124T010000Z\r\n" in data
    assert str(planned["SUMMARY"]) == "Break from Reddit, TikTok"
    assert str(planned["DESCRIPTION"]) == "Mode: unplug\nStrictness: firm\nIntention: read a book"
    assert planned.DTSTAMP == START

    assert str(active["UID"]) == "break-11@breakwell"
    assert (active.start, active.end) == (START - HOUR, START + HOUR)
    assert str(active["DESCRIPTION"]) == "Mode: unplug\nStrictness: firm"


def test_a_break_a_shown_plan_made_is_left_to_the_plan(
    services: Services, clock: FakeClock
) -> None:
    nightly = services.plans.add(
        recurrence_from(every="day", at="02:00", length="1h"), platforms=["x"], timezone="UTC"
    )
    twice = services.plans.add(
        recurrence_from(cron="30 20,22 * * *", length="1h"), platforms=["x"], timezone="UTC"
    )
    clock.advance(timedelta(minutes=45))
    services.plans.materialize()
    open_breaks = services.breaks.open_breaks()
    # A break made late starts when it was made, so the running one no longer begins at 20:30.
    assert sorted((b.plan_id or 0, b.starts_at, b.status) for b in open_breaks) == [
        (_id(nightly), START + 6 * HOUR, BreakStatus.PLANNED),
        (_id(twice), START + 0.75 * HOUR, BreakStatus.ACTIVE),
        (_id(twice), START + 2.5 * HOUR, BreakStatus.PLANNED),
        (_id(twice), START + 24.5 * HOUR, BreakStatus.PLANNED),
    ]
    running = next(b for b in open_breaks if b.status is BreakStatus.ACTIVE)

    plans = [view.plan for view in services.plans.views()]
    calendar = Calendar.from_ical(to_ics(plans, open_breaks, DEFAULT_CATALOGUE, clock.now()))
    found = uids(calendar)
    assert found[:3] == [
        f"plan-{nightly.id}@breakwell",
        f"plan-{twice.id}-20261123T223000Z@breakwell",
        f"plan-{twice.id}-20261124T203000Z@breakwell",
    ]
    # Its occurrence began before now, so only the break itself shows the one running.
    assert [u for u in found if u.startswith("break-")] == [f"break-{running.id}@breakwell"]


def _id(item: Plan) -> int:
    assert item.id is not None
    return item.id


def test_a_break_of_a_paused_plan_is_still_shown() -> None:
    paused = plan(1, "day", paused=True)
    made = one_off(20, BreakStatus.ACTIVE, plan_id=1)
    assert uids(render([paused], [made])) == ["break-20@breakwell"]


def test_uids_stay_the_same_from_one_export_to_the_next() -> None:
    plans = [
        plan(1, "sunday", timezone="Europe/Berlin"),
        Plan(
            recurrence=recurrence_from(cron="0 9,18 * * mon", length="1h"),
            platforms=("x",),
            id=2,
            created_at=START,
        ),
    ]
    breaks = [one_off(3, BreakStatus.PLANNED)]
    first = to_ics(plans, breaks, DEFAULT_CATALOGUE, START)
    assert to_ics(plans, breaks, DEFAULT_CATALOGUE, START) == first
    later = render(plans, breaks, now=START + HOUR)
    assert uids(later) == uids(Calendar.from_ical(first))
    assert len(uids(later)) == 18


def test_a_plan_or_break_never_stored_cannot_be_exported() -> None:
    with pytest.raises(ValueError, match="the plan has not been saved"):
        to_ics([plan(1, "day", id=None)], [], DEFAULT_CATALOGUE, START)
    with pytest.raises(ValueError, match="the break has not been saved"):
        to_ics([], [one_off(1, BreakStatus.PLANNED, id=None)], DEFAULT_CATALOGUE, START)

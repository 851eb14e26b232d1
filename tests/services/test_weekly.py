from datetime import UTC, date, datetime, timedelta

import pytest

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import EntryKind
from breakwell.domain.errors import InvalidInput
from breakwell.domain.weeks import parse_week, week_label
from breakwell.services import Services
from breakwell.services.weekly_words import short_summary

HOUR = timedelta(hours=1)
MONDAY = date(2026, 11, 23)


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def take_break(
    services: Services,
    clock: FakeClock,
    begins: datetime,
    length: timedelta,
    *,
    stop_after: timedelta | None = None,
    moods: tuple[str, str] | None = None,
    learned: str | None = None,
) -> int:
    clock.set(begins)
    before = {"mood_before": moods[0]} if moods else None
    item = services.breaks.start(
        services.breaks.plan(length, platforms=["x"], strictness=Strictness.GENTLE), before
    )
    assert item.id is not None
    if stop_after is None:
        clock.advance(length)
    else:
        clock.advance(stop_after)
        services.breaks.stop()
    answers = {"mood_after": moods[1]} if moods else {}
    if learned:
        answers["learned"] = learned
    if answers:
        services.reflections.reflect(item.id, answers)
    return item.id


def test_weeks_are_named_the_iso_way() -> None:
    assert parse_week("2026-W48", MONDAY) == MONDAY
    assert parse_week("2026w48", MONDAY) == MONDAY
    assert parse_week("last", date(2026, 11, 29)) == date(2026, 11, 16)
    assert parse_week("this", date(2026, 11, 29)) == MONDAY
    assert week_label(date(2027, 1, 1)) == "2026-W53"
    with pytest.raises(InvalidInput, match="2025 has no week 53"):
        parse_week("2025-W53", MONDAY)
    with pytest.raises(InvalidInput, match="cannot read 'soon' as a week"):
        parse_week("soon", MONDAY)


def test_a_week_in_review(services: Services, clock: FakeClock) -> None:
    # Began the Sunday before: only the hours inside this week count as this week's.
    take_break(services, clock, at(22, 22), 4 * HOUR, moods=("2", "4"), learned="sleep helps")
    first = take_break(services, clock, at(24), 3 * HOUR, moods=("3", "4"), learned="quiet")
    services.journal.write(
        "@anna amplifies @bob #emulation", kind=EntryKind.OBSERVATION, break_id=first
    )
    early = take_break(services, clock, at(26), 10 * HOUR, stop_after=2 * HOUR, moods=("2", "3"))
    clock.set(at(28))
    services.breaks.start(services.breaks.plan(8 * HOUR, platforms=["x"]))
    services.journal.write("@anna again, #emulation and #fomo")
    services.journal.slip("checked once")
    services.journal.write("a plain note, not an observation #elsewhere", attach=False)
    clock.set(at(28, 14))  # the running break has lasted 2 hours so far
    week = services.weekly.review("2026-W48")
    assert week.label == "2026-W48"
    assert week.away == (2 + 3 + 2 + 2) * HOUR
    assert (week.breaks, week.completed, week.ended_early, week.slips) == (4, 2, 1, 1)
    assert week.moods == ((1, 2, 4), (first, 3, 4), (early, 2, 3))
    assert (week.mood_average(1), week.mood_average(2)) == (2.3, 3.7)
    assert week.tags == (("emulation", 2), ("fomo", 1))
    assert week.people == (("anna", 2), ("bob", 1))
    assert [x.text for x in week.learned] == ["sleep helps", "quiet"]
    summary = short_summary(week)
    assert summary.startswith("9h away; 2 completed, 1 ended early; 1 slip.")
    last = services.weekly.review("2026-W47")
    assert (last.away, last.breaks, last.completed, last.learned) == (2 * HOUR, 1, 0, ())


def test_commitments_kept_in_the_week(services: Services, clock: FakeClock) -> None:
    weekly = services.commitments.add("one political post", 1, "week")
    daily = services.commitments.add("one check a day", 1, "day")
    assert weekly.id is not None and daily.id is not None
    services.commitments.log(weekly.id)
    services.commitments.log(daily.id)
    services.commitments.log(daily.id)  # Monday: over
    clock.set(at(29, 23))
    week = services.weekly.review()
    by_text = {item.commitment.text: item for item in week.commitments}
    assert (by_text["one political post"].kept, len(by_text["one political post"].periods)) == (
        1,
        1,
    )
    assert (by_text["one check a day"].kept, len(by_text["one check a day"].periods)) == (6, 7)
    assert "commitments kept: 1 of 2" in short_summary(week)


def test_an_empty_week_says_so(services: Services) -> None:
    week = services.weekly.review()
    assert (week.away, week.breaks, week.tags, week.commitments) == (timedelta(), 0, (), ())
    assert short_summary(week) == "no time away."

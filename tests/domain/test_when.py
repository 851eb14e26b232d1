import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breakwell.domain.errors import InvalidInput
from breakwell.domain.when import parse_clock, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
# Monday 23 November 2026, 20:00 UTC (21:00 in Berlin).
NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def at(text: str, tz: ZoneInfo | None = None, *, past: bool = False) -> datetime:
    return parse_when(text, NOW, tz, past=past)


def test_a_time_later_today_is_today() -> None:
    assert at("21:30") == datetime(2026, 11, 23, 21, 30, tzinfo=UTC)


def test_a_time_already_past_means_tomorrow() -> None:
    assert at("07:00") == datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


def test_local_zone_is_applied() -> None:
    assert at("tomorrow 09:00", BERLIN) == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def test_tomorrow_across_a_daylight_saving_change_keeps_wall_clock_time() -> None:
    before_change = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    # Clocks go forward overnight in Berlin, so 09:00 local is 07:00 UTC, not 08:00.
    assert parse_when("tomorrow 09:00", before_change, BERLIN) == datetime(
        2026, 3, 29, 7, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sunday 09:00", datetime(2026, 11, 29, 9, 0, tzinfo=UTC)),
        ("mon 21:00", datetime(2026, 11, 23, 21, 0, tzinfo=UTC)),
        ("monday 19:00", datetime(2026, 11, 30, 19, 0, tzinfo=UTC)),
        ("today 9pm", datetime(2026, 11, 23, 21, 0, tzinfo=UTC)),
        ("in 2h", NOW + timedelta(hours=2)),
        ("now", NOW),
        ("2026-12-01T08:30", datetime(2026, 12, 1, 8, 30, tzinfo=UTC)),
        ("2026-12-01 08:30+01:00", datetime(2026, 12, 1, 7, 30, tzinfo=UTC)),
        ("2026-12-01T08:30Z", datetime(2026, 12, 1, 8, 30, tzinfo=UTC)),
    ],
)
def test_reads_days_relative_forms_and_iso(text: str, expected: datetime) -> None:
    assert at(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", NOW - timedelta(days=7)),
        ("2 hours ago", NOW - timedelta(hours=2)),
        ("yesterday", datetime(2026, 11, 22, 0, 0, tzinfo=UTC)),
        ("21:30", datetime(2026, 11, 22, 21, 30, tzinfo=UTC)),
        ("sunday", datetime(2026, 11, 22, 0, 0, tzinfo=UTC)),
        ("2026-11-01", datetime(2026, 11, 1, 0, 0, tzinfo=UTC)),
    ],
)
def test_filters_read_times_as_the_most_recent_past(text: str, expected: datetime) -> None:
    assert at(text, past=True) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tomorow 9:00", "cannot read 'tomorow 9:00' as a time"),
        ("25:00", "hours are 0-23"),
        ("21", "ambiguous; write it as 21:00"),
        ("tomorrow", "needs a time of day"),
        ("13pm", "with am/pm the hour is 1-12"),
        ("", "a time is needed"),
    ],
)
def test_errors_are_precise(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        at(text)


@given(st.integers(0, 23), st.integers(0, 59))
def test_a_bare_time_of_day_is_always_within_the_next_day(hour: int, minute: int) -> None:
    moment = at(f"{hour:02d}:{minute:02d}")
    assert NOW < moment <= NOW + timedelta(days=1)
    assert (moment.hour, moment.minute) == (hour, minute)


@given(st.integers(0, 23), st.integers(0, 59))
def test_a_bare_time_in_a_filter_is_within_the_last_day(hour: int, minute: int) -> None:
    moment = at(f"{hour:02d}:{minute:02d}", past=True)
    assert NOW - timedelta(days=1) < moment <= NOW


def test_parse_clock_handles_noon_and_midnight() -> None:
    assert parse_clock("12am").hour == 0
    assert parse_clock("12pm").hour == 12


@pytest.fixture(params=["explicit", "system"])
def berlin(request: pytest.FixtureRequest) -> Iterator[ZoneInfo | None]:
    """Berlin given as a zone, or as the system's local zone (what the command line uses)."""
    if request.param == "explicit":
        yield BERLIN
        return
    before = os.environ["TZ"]
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        yield None
    finally:
        os.environ["TZ"] = before
        time.tzset()


def test_a_time_in_the_repeated_autumn_hour_after_now_is_accepted(berlin: ZoneInfo | None) -> None:
    # 02:30 local, in the second pass through 02:00-03:00 after the clocks went back.
    now = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert parse_when("02:45", now, berlin) == datetime(2026, 10, 25, 1, 45, tzinfo=UTC)


def test_the_first_pass_of_a_repeated_hour_is_chosen_when_both_lie_ahead(
    berlin: ZoneInfo | None,
) -> None:
    now = datetime(2026, 10, 24, 22, 0, tzinfo=UTC)
    assert parse_when("02:30", now, berlin) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_a_time_the_spring_clock_change_skips_means_just_after_the_jump(
    berlin: ZoneInfo | None,
) -> None:
    now = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    # 02:30 does not exist that night in Berlin; 03:30 local (01:30 UTC) is the honest reading.
    assert parse_when("tomorrow 02:30", now, berlin) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    just_before = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert parse_when("02:30", just_before, berlin) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "text", ["9999-12-31T23:00", "0001-01-01", "in 364d 23h 59m", "99999d ago", "3000-01-01"]
)
def test_times_too_far_from_now_are_refused(text: str) -> None:
    if text.startswith("in "):
        assert parse_when(text, NOW) > NOW
        return
    with pytest.raises(InvalidInput):
        parse_when(text, NOW, past=text.endswith("ago"))


def test_filters_may_look_back_years(berlin: ZoneInfo | None) -> None:
    assert parse_when("1000d", NOW, berlin, past=True) == NOW - timedelta(days=1000)
    with pytest.raises(InvalidInput, match="longer than the limit"):
        parse_when("100000d", NOW, berlin, past=True)


# Suggestions are times still ahead ------------------------------------------------------------


def suggested(text: str, now: datetime = NOW) -> str:
    with pytest.raises(InvalidInput) as refused:
        parse_when(text, now)
    found = re.search(r"(?:as in '([^']+)'|write it as (\S+)$)", str(refused.value))
    assert found, str(refused.value)
    return found.group(1) or found.group(2)


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        # 20:00: '09:00' is long over today.
        ("today", NOW, "today 21:00"),
        ("today", NOW.replace(hour=23, minute=30), "tomorrow 09:00"),
        ("tomorrow", NOW, "tomorrow 09:00"),
        ("sunday", NOW, "sunday 09:00"),
        ("monday", NOW, "monday 09:00"),
        ("21", NOW, "21:00"),
        ("in 5", NOW, "in 5m"),
        ("in 1h 30", NOW, "in 1h 30m"),
    ],
)
def test_a_suggested_time_is_accepted_and_ahead(text: str, now: datetime, expected: str) -> None:
    suggestion = suggested(text, now)
    assert suggestion == expected
    assert parse_when(suggestion, now) > now


def test_yesterday_is_refused_as_past_with_times_ahead_as_examples() -> None:
    with pytest.raises(InvalidInput) as refused:
        at("yesterday")
    message = str(refused.value)
    assert "'yesterday' is in the past" in message
    assert "yesterday 09:00" not in message
    # The ISO example is a day ahead, whatever the day.
    assert "2026-11-24T09:00" in message
    assert at("2026-11-24T09:00") > NOW


def test_an_hour_past_23_is_not_suggested_as_a_time() -> None:
    with pytest.raises(InvalidInput) as refused:
        at("25")
    assert "25:00" not in str(refused.value)
    assert "hours are 0-23" in str(refused.value)


def test_a_duration_after_in_or_before_ago_is_quoted_as_typed() -> None:
    with pytest.raises(InvalidInput, match="as in '5m ago'"):
        at("5 ago", past=True)
    with pytest.raises(InvalidInput, match="such as 'in 45m'"):
        at("in 600000")

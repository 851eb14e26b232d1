from datetime import timedelta

import pytest

from breakwell.domain.errors import InvalidInput
from breakwell.domain.recurrence import expand_day_of_week, parse_every, recurrence_from


@pytest.mark.parametrize(
    ("options", "cron", "length", "description"),
    [
        (
            {"every": "sunday", "at": "09:00", "length": "24h"},
            "0 9 * * sun",
            timedelta(hours=24),
            "every Sunday at 09:00 for 1d",
        ),
        (
            {"every": "weeknight", "start": "21:00", "end": "07:00"},
            "0 21 * * sun,mon,tue,wed,thu",
            timedelta(hours=10),
            "weeknights at 21:00 for 10h",
        ),
        (
            {"every": "day", "at": "9pm", "length": "2h"},
            "0 21 * * sun,mon,tue,wed,thu,fri,sat",
            timedelta(hours=2),
            "every day at 21:00 for 2h",
        ),
        (
            {"every": "mon, wed,Fridays", "from": None, "at": "12:30", "length": "45m"},
            "30 12 * * mon,wed,fri",
            timedelta(minutes=45),
            "every Monday, Wednesday, Friday at 12:30 for 45m",
        ),
        (
            {"every": "weekends", "start": "10:00", "end": "18:00"},
            "0 10 * * sun,sat",
            timedelta(hours=8),
            "weekends at 10:00 for 8h",
        ),
        (
            {"cron": "0 21 * * 1-5", "length": "2h"},
            "0 21 * * mon,tue,wed,thu,fri",
            timedelta(hours=2),
            "weekdays at 21:00 for 2h",
        ),
    ],
)
def test_friendly_rules_and_cron_become_one_shape(
    options: dict[str, str | None], cron: str, length: timedelta, description: str
) -> None:
    options.pop("from", None)
    rule = recurrence_from(**options)
    assert (rule.cron, rule.length) == (cron, length)
    assert rule.describe() == description


@pytest.mark.parametrize(
    ("field", "days"),
    [
        ("0", ("sun",)),
        ("7", ("sun",)),
        ("1-5", ("mon", "tue", "wed", "thu", "fri")),
        ("*/2", ("sun", "tue", "thu", "sat")),
        ("sat,sun", ("sun", "sat")),
        ("5-7", ("sun", "fri", "sat")),
    ],
)
def test_cron_weekdays_follow_standard_cron_where_zero_is_sunday(
    field: str, days: tuple[str, ...]
) -> None:
    assert expand_day_of_week(field) == days


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"every": "sunday", "at": "09:00"}, "give --at TIME with --for LENGTH"),
        ({"every": "fortnight", "at": "09:00", "length": "1h"}, "'fortnight' is not"),
        ({"at": "09:00", "length": "1h"}, "say when the plan repeats"),
        ({"cron": "0 21 * *", "length": "1h"}, "5 fields"),
        ({"cron": "0 21 * * 1", "every": "day"}, "stands alone"),
        ({"cron": "0 21 * * 1"}, "needs --for"),
        ({"cron": "0 21 * * 9", "length": "1h"}, "not a valid day-of-week"),
        ({"cron": "0 21 * * 5-1", "length": "1h"}, "runs backwards"),
        ({"every": "day", "at": "25:00", "length": "1h"}, "hours are 0-23"),
        ({"every": "day", "at": "09:00", "length": "8d"}, "limit of 7 days"),
    ],
)
def test_bad_rules_are_explained(options: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        recurrence_from(**options)


def test_every_accepts_plurals_and_groups() -> None:
    assert parse_every("weekdays") == ("mon", "tue", "wed", "thu", "fri")
    assert parse_every("Sundays") == ("sun",)

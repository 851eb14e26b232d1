"""Weeks as people name them: ISO weeks (2026-W48), Monday to Sunday in local time."""

from __future__ import annotations

import re
from datetime import date, timedelta

from breakwell.domain.errors import InvalidInput
from breakwell.domain.when import EARLIEST, LATEST

_ISO_WEEK = re.compile(r"(\d+)-?[wW](\d+)")
# A week is read as the instants from its Monday to the next; both must stay inside the years
# every zone can show, a day's margin either side for the zone's offset.
_FIRST_MONDAY = EARLIEST.date() + timedelta(days=1)
_LAST_MONDAY = LATEST.date() - timedelta(days=9)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_week(text: str, today: date) -> date:
    """The Monday of the week named by 'YYYY-Www', 'this' or 'last'."""
    word = text.strip().lower()
    if word in {"this", "this week", "now"}:
        return monday_of(today)
    if word in {"last", "last week", "previous"}:
        return monday_of(today) - timedelta(days=7)
    match = _ISO_WEEK.fullmatch(word)
    if match is None:
        raise InvalidInput(f"cannot read '{text}' as a week; use 2026-W48, 'this' or 'last'")
    # Digits only, but a thousand of them must not be turned into a number.
    year_digits, week_digits = match.group(1).lstrip("0"), match.group(2).lstrip("0")
    if len(year_digits) > 4 or len(week_digits) > 2:
        raise InvalidInput(f"'{text.strip()}' is too far from now")
    year, week = int(year_digits or 0), int(week_digits or 0)
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        if 1 <= year <= 9999:
            raise InvalidInput(f"{year} has no week {week}") from None
        raise InvalidInput(f"'{text.strip()}' is too far from now") from None
    if not _FIRST_MONDAY <= monday <= _LAST_MONDAY:
        raise InvalidInput(f"'{text.strip()}' is too far from now")
    return monday


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"

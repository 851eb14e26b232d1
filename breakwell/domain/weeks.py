"""Weeks as people name them: ISO weeks (2026-W48), Monday to Sunday in local time."""

from __future__ import annotations

import re
from datetime import date, timedelta

from breakwell.domain.errors import InvalidInput

_ISO_WEEK = re.compile(r"(\d{4})-?[wW](\d{1,2})")


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
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise InvalidInput(f"{year} has no week {week}") from None


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"

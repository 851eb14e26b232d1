"""When the weekly review is due: Monday morning, about the week that just ended."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from breakwell.domain.weeks import monday_of, week_label
from breakwell.domain.when import localize, to_local

REVIEW_AT = time(9, 0)
# Later than this after Monday morning, last week's news is stale: it waits for next week.
REVIEW_WINDOW = timedelta(days=2)


def _review_moment(monday: date, zone: tzinfo | None) -> datetime:
    return localize(datetime.combine(monday, REVIEW_AT), zone)


def due_review(now: datetime, zone: tzinfo | None) -> str | None:
    """The week to review now (the one before this one), or None when it is not time."""
    monday = monday_of(to_local(now, zone).date())
    moment = _review_moment(monday, zone)
    if moment <= now < moment + REVIEW_WINDOW:
        return week_label(monday - timedelta(days=7))
    return None


def next_review(now: datetime, zone: tzinfo | None) -> datetime:
    monday = monday_of(to_local(now, zone).date())
    moment = _review_moment(monday, zone)
    if moment > now:
        return moment
    return _review_moment(monday + timedelta(days=7), zone).astimezone(now.tzinfo)

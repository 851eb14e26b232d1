"""Commitments: small rules a person sets themselves, such as "at most 1 political post a week".

A commitment's count starts again with each period (day, week or month) of the person's local
calendar; weeks begin on Monday, as ISO weeks do. Going over is logged like any other time,
honestly: the count simply says the quota was not kept that period.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from breakwell.domain.errors import InvalidInput
from breakwell.domain.text import check_text
from breakwell.domain.values import frozen
from breakwell.domain.when import local_midnight

MAX_TEXT = 200
MAX_QUOTA = 1000
MAX_NOTE = 2000
_QUOTA = f"the most times a period is a whole number from 0 to {MAX_QUOTA}"


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @property
    def this(self) -> str:
        return {"day": "today", "week": "this week", "month": "this month"}[self.value]


def period_containing(period: Period, day: date) -> tuple[date, date]:
    """The first day of the period holding `day`, and the first day of the next one."""
    if period is Period.DAY:
        return day, day + timedelta(days=1)
    if period is Period.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=7)
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following


def periods_between(period: Period, first: date, end: date) -> list[tuple[date, date]]:
    """Every period that overlaps the days from `first` up to (not including) `end`."""
    found: list[tuple[date, date]] = []
    day = first
    while day < end:
        span = period_containing(period, day)
        found.append(span)
        day = span[1]
    return found


@frozen
class Commitment:
    text: str
    max_count: int
    period: Period
    id: int | None = None
    created_at: datetime | None = None
    archived_at: datetime | None = None

    @property
    def quota(self) -> str:
        return f"at most {self.max_count} per {self.period.value}"


@frozen
class CommitmentLog:
    commitment_id: int
    logged_at: datetime
    note: str = ""
    id: int | None = None


def new_commitment(text: str, max_count: int, period: str) -> Commitment:
    clean = check_text(" ".join(text.split()), "a commitment")
    if not clean:
        raise InvalidInput("a commitment needs some words, such as 'at most 1 political post'")
    if len(clean) > MAX_TEXT:
        raise InvalidInput(f"a commitment can be at most {MAX_TEXT} characters")
    if not 0 <= max_count <= MAX_QUOTA:
        raise InvalidInput(_QUOTA)
    try:
        every = Period(period.strip().lower())
    except ValueError:
        raise InvalidInput(f"--per '{period}' is not day, week or month") from None
    return Commitment(clean, max_count, every)


def parse_quota(text: str) -> int:
    """The most times a period, as typed in a form: digits only, in range."""
    clean = text.strip()
    if not (clean.isascii() and clean.isdigit()) or int(clean) > MAX_QUOTA:
        raise InvalidInput(_QUOTA)
    return int(clean)


def check_note(note: str) -> str:
    clean = check_text(note.strip(), "a note")
    if len(clean) > MAX_NOTE:
        raise InvalidInput(f"a note can be at most {MAX_NOTE} characters")
    return clean


@frozen
class Standing:
    """How a commitment stands in one period."""

    commitment: Commitment
    starts: date
    ends: date
    count: int

    @property
    def kept(self) -> bool:
        return self.count <= self.commitment.max_count

    @property
    def left(self) -> int:
        return max(self.commitment.max_count - self.count, 0)

    def describe(self) -> str:
        period = self.commitment.period
        said = f"{self.count} of {self.commitment.max_count} {period.this}"
        if not self.kept:
            return f"{said}, over by {self.count - self.commitment.max_count}"
        return said


# When each commitment was logged between two instants, oldest first: read by the ORM store
# and by the sqlite3 quick path alike (store/commitment_rows.py).
LogTimes = Callable[[Sequence[int], datetime, datetime], Mapping[int, Sequence[datetime]]]


def count_in(times: Sequence[datetime], starts: date, ends: date, zone: tzinfo | None) -> int:
    """How many of `times` fall in the local days from `starts` up to (not including) `ends`."""
    low, high = local_midnight(starts, zone), local_midnight(ends, zone)
    return sum(1 for moment in times if low <= moment < high)


def standings_on(
    items: Sequence[Commitment], today: date, zone: tzinfo | None, log_times: LogTimes
) -> list[Standing]:
    """Where each commitment stands in its period holding `today`, in the order given."""
    if not items:
        return []
    spans = [period_containing(item.period, today) for item in items]
    times = log_times(
        [item.id for item in items if item.id is not None],
        local_midnight(min(s for s, _ in spans), zone),
        local_midnight(max(e for _, e in spans), zone),
    )
    return [
        Standing(item, s, e, count_in(times.get(item.id or 0, ()), s, e, zone))
        for item, (s, e) in zip(items, spans, strict=True)
    ]

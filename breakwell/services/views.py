"""What services hand back: plain, immutable snapshots, never database rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from breakwell.domain.breaks import Break
from breakwell.domain.values import frozen


@frozen
class StopOutcome:
    """The result of asking to end a break: ended, or a firm break's cool-down started."""

    item: Break
    ended: bool
    ready_at: datetime | None = None


@frozen
class BreakSummary:
    """One line of the history list: the break, its moods, and how much was written."""

    item: Break
    mood_before: int | None
    mood_after: int | None
    entries: int
    slips: int


@frozen
class WeekTotal:
    week_start: date  # a Monday, in local time
    away: timedelta


@frozen
class Trends:
    weekly_away: tuple[WeekTotal, ...]  # oldest first, the current week last
    mood_shifts: tuple[tuple[int, int, int], ...]  # (break id, before, after), oldest first
    top_tags: tuple[tuple[str, int], ...]  # (tag, uses), most used first
    completed: int
    ended_early: int


@frozen
class Learned:
    break_id: int
    answered_at: datetime
    text: str

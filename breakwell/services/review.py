"""Looking back: the history list with its figures, trends over weeks, and what was learned.

Numbers here serve reflection, not a score: time away, mood before and after, recurring themes.
"""

from __future__ import annotations

from datetime import date, timedelta

from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import Clock
from breakwell.domain.errors import InvalidInput
from breakwell.domain.spans import union
from breakwell.domain.weeks import monday_of
from breakwell.domain.when import local_midnight
from breakwell.services.views import BreakSummary, Learned, Trends, WeekTotal
from breakwell.store import Database
from breakwell.store import breaks as break_store
from breakwell.store import review as review_store

__all__ = ["BreakSummary", "Learned", "ReviewService", "Trends", "WeekTotal"]

MAX_PAGE = 1000
MAX_WEEKS = 520
MOOD_SHIFTS = 20
TOP_TAGS = 8


def _check_range(name: str, value: int, most: int) -> None:
    if not 1 <= value <= most:
        raise InvalidInput(f"{name} must be between 1 and {most}")


def week_starts(today: date, weeks: int) -> list[date]:
    """The Mondays of the last `weeks` weeks, oldest first, ending with this week's."""
    monday = monday_of(today)
    return [monday - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]


class ReviewService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def summaries(self, limit: int = 50, before_id: int | None = None) -> list[BreakSummary]:
        """A page of past breaks, newest first, as BreakService.history pages them."""
        _check_range("the limit", limit, MAX_PAGE)
        with self._db.read() as session:
            items = break_store.history(session, limit, before_id)
            ids = [item.id for item in items if item.id is not None]
            moods = review_store.moods(session, ids)
            entries = review_store.entry_counts(session, ids)
            slips = review_store.slip_counts(session, ids)
        summaries = []
        for item in items:
            key = item.id or 0
            mood = moods.get(key, {})
            summaries.append(
                BreakSummary(
                    item=item,
                    mood_before=mood.get(review_store.MOOD_BEFORE),
                    mood_after=mood.get(review_store.MOOD_AFTER),
                    entries=entries.get(key, 0),
                    slips=slips.get(key, 0),
                )
            )
        return summaries

    def trends(self, weeks: int = 12) -> Trends:
        _check_range("the number of weeks", weeks, MAX_WEEKS)
        mondays = week_starts(self._clock.now().astimezone().date(), weeks)
        with self._db.read() as session:
            spans = review_store.ended_spans(session, local_midnight(mondays[0], None))
            statuses = review_store.status_counts(session)
            shifts = review_store.mood_pairs(session, MOOD_SHIFTS)
            tags = review_store.top_tags(session, TOP_TAGS)
        away = dict.fromkeys(mondays, timedelta())
        for began, ended in union(spans):
            day = began.astimezone().date()
            monday = day - timedelta(days=day.weekday())
            if monday in away:
                away[monday] += max(ended - began, timedelta())
        return Trends(
            weekly_away=tuple(WeekTotal(monday, total) for monday, total in away.items()),
            mood_shifts=tuple(reversed(shifts)),
            top_tags=tuple(tags),
            completed=statuses.get(BreakStatus.COMPLETED.value, 0),
            ended_early=statuses.get(BreakStatus.ENDED_EARLY.value, 0),
        )

    def learned(self, limit: int = 100) -> list[Learned]:
        """The person's answers to "What did you learn?", newest first."""
        _check_range("the limit", limit, MAX_PAGE)
        with self._db.read() as session:
            rows = review_store.answers_to(session, review_store.LEARNED, limit)
        return [Learned(break_id, at, text) for break_id, at, text in rows]

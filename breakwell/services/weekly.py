"""The weekly review: one week's time away, breaks, slips, moods, themes, commitments and
what the person learned, in their own words."""

from __future__ import annotations

from datetime import date, timedelta

from breakwell.domain.breaks import BreakStatus
from breakwell.domain.clock import Clock
from breakwell.domain.spans import total as spans_total
from breakwell.domain.values import frozen
from breakwell.domain.weeks import monday_of, parse_week, week_label
from breakwell.domain.when import local_midnight
from breakwell.services.commitments import CommitmentService, WeekStanding
from breakwell.services.views import Learned
from breakwell.store import Database
from breakwell.store import review as review_store
from breakwell.store import weekly as weekly_store

TOP = 5


@frozen
class WeekReview:
    monday: date
    away: timedelta
    breaks: int  # taken during the week, even in part
    completed: int  # of those that ended this week
    ended_early: int
    slips: int
    # (break id, mood before, mood after) of breaks that ended this week, in order.
    moods: tuple[tuple[int, int | None, int | None], ...]
    tags: tuple[tuple[str, int], ...]
    people: tuple[tuple[str, int], ...]
    commitments: tuple[WeekStanding, ...]
    learned: tuple[Learned, ...]

    @property
    def label(self) -> str:
        return week_label(self.monday)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def mood_average(self, which: int) -> float | None:
        """The mean of the moods before (which=1) or after (which=2) over this week's breaks."""
        values = [pair[which] for pair in self.moods if pair[which] is not None]
        return round(sum(v for v in values if v is not None) / len(values), 1) if values else None


class WeeklyService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        commitments: CommitmentService,
    ) -> None:
        self._db = database
        self._clock = clock
        self._commitments = commitments

    def monday(self, week: str | None = None) -> date:
        """The Monday of the named week, or of this week."""
        today = self._commitments.today()
        return parse_week(week, today) if week else monday_of(today)

    def review(self, week: str | None = None) -> WeekReview:
        monday = self.monday(week)
        zone = self._commitments.zone
        now = self._clock.now()
        since = local_midnight(monday, zone)
        until = local_midnight(monday + timedelta(days=7), zone)
        with self._db.read() as session:
            spans = weekly_store.spans_touching(session, since, until)
            ended = [
                (break_id, status)
                for break_id, status, _, end in spans
                if end is not None and since <= end < until
            ]
            moods = review_store.moods(session, [break_id for break_id, _ in ended])
            slips = weekly_store.slips_between(session, since, until)
            tags = weekly_store.tags_between(session, since, until, TOP)
            people = weekly_store.people_between(session, since, until, TOP)
            learned = weekly_store.answers_between(session, review_store.LEARNED, since, until)
        # Windows of several plans may run at once: time away counts each moment once.
        away = spans_total(
            (max(start, since), min(end or now, until, now)) for _, _, start, end in spans
        )
        statuses = [status for _, status in ended]
        return WeekReview(
            monday=monday,
            away=away,
            breaks=len(spans),
            completed=statuses.count(BreakStatus.COMPLETED.value),
            ended_early=statuses.count(BreakStatus.ENDED_EARLY.value),
            slips=slips,
            moods=tuple(
                (
                    break_id,
                    moods.get(break_id, {}).get(review_store.MOOD_BEFORE),
                    moods.get(break_id, {}).get(review_store.MOOD_AFTER),
                )
                for break_id, _ in ended
            ),
            tags=tuple(tags),
            people=tuple(people),
            commitments=tuple(self._commitments.week(monday)),
            learned=tuple(Learned(break_id, at, text) for break_id, at, text in learned),
        )

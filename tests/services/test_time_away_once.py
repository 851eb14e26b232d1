"""Windows of two plans may run at once; the time away they make counts once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.spans import total, union
from breakwell.services import Services
from breakwell.services.records import record_new
from breakwell.store.platforms import ensure_platforms
from tests.journal import database_of

T = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_overlapping_spans_are_joined_and_counted_once() -> None:
    hour = timedelta(hours=1)
    spans = [(T, T + 2 * hour), (T + hour, T + 3 * hour), (T + 5 * hour, T + 5 * hour)]
    assert union(spans) == [(T, T + 3 * hour)]
    assert total(spans) == 3 * hour
    assert total([(T + 4 * hour, T + 5 * hour), (T, T + hour)]) == 2 * hour


def overlapping_breaks(services: Services) -> None:
    """Two windows that ran over each other (as two plans' can): 20:00-22:00, 21:00-23:00."""
    start = services.clock.now() - timedelta(hours=5)
    catalogue = services.preferences.catalogue
    with database_of(services).write() as session:
        ensure_platforms(session, [p for p in catalogue.all() if p.id in ("x", "reddit")])
        for offset, platform in ((0, "x"), (1, "reddit")):
            begins = start + timedelta(hours=offset)
            record_new(
                session,
                Break(
                    starts_at=begins,
                    ends_at=begins + timedelta(hours=2),
                    platforms=(platform,),
                    status=BreakStatus.COMPLETED,
                    started_at=begins,
                    ended_at=begins + timedelta(hours=2),
                ),
                begins,
                "laptop",
            )


def test_the_weekly_review_counts_overlapping_windows_once(services: Services) -> None:
    services.clock.advance(timedelta(hours=6))  # type: ignore[attr-defined]
    overlapping_breaks(services)
    week = services.weekly.review()
    assert week.breaks == 2
    assert week.away == timedelta(hours=3)


def test_trends_count_overlapping_windows_once(services: Services) -> None:
    services.clock.advance(timedelta(hours=6))  # type: ignore[attr-defined]
    overlapping_breaks(services)
    weeks = services.review.trends(2).weekly_away
    assert sum((w.away for w in weeks), timedelta()) == timedelta(hours=3)

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.entries import EntryKind, new_entry
from breakwell.domain.errors import InvalidInput, NotFound
from breakwell.domain.prompts import DEFAULT_PROMPTS, answer
from breakwell.services import Services
from breakwell.services.review import WeekTotal
from breakwell.store import answers as answer_store
from breakwell.store import breaks as break_store
from breakwell.store import entries as entry_store
from breakwell.store import slips as slip_store
from tests.conftest import START
from tests.journal import database_of

HOUR = timedelta(hours=1)


def ended(
    services: Services,
    clock: FakeClock,
    at: datetime,
    length: timedelta = HOUR,
    *,
    before: dict[str, str] | None = None,
    stop_after: timedelta | None = None,
) -> int:
    """A break that began at `at` and is over: completed, or ended early after `stop_after`."""
    clock.set(at)
    stored = services.breaks.start(
        services.breaks.plan(length, platforms=["x"], strictness=Strictness.GENTLE), before
    )
    assert stored.id is not None
    if stop_after is None:
        clock.advance(length)
    else:
        clock.advance(stop_after)
        services.breaks.stop()
    return stored.id


def seed(services: Services, count: int, first: datetime) -> None:
    """`count` ended breaks, each with moods, two entries and a slip, written in one go."""
    prompts = {p.key: p for p in DEFAULT_PROMPTS}
    with database_of(services).write() as session:
        for n in range(count):
            begins = first + n * 2 * HOUR
            item = break_store.add_break(
                session,
                Break(begins, begins + HOUR, (), status=BreakStatus.COMPLETED, started_at=begins),
                begins,
            )
            assert item.id is not None
            moods = [answer(prompts[k], "3", begins) for k in ("mood_before", "mood_after")]
            answer_store.save_answers(session, item.id, [a for a in moods if a is not None])
            for text in ("seen #one", "heard #two"):
                entry_store.add_entry(
                    session, new_entry(begins, text, EntryKind.OBSERVATION, break_id=item.id)
                )
            slip_store.add_slip(session, item.id, begins, None, None)


@contextmanager
def statements(services: Services) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(statement)

    engine = database_of(services).engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_summaries_page_as_history_does_with_moods_entries_and_slips(
    services: Services, clock: FakeClock
) -> None:
    first = ended(services, clock, START, before={"mood_before": "2"})
    clock.set(START + 2 * HOUR)
    second = services.breaks.start(services.breaks.plan(HOUR, platforms=["x"]))
    services.journal.write("they all repost the same account #emulation")
    services.journal.slip("opened it")
    services.journal.slip()
    services.journal.write("a note that belongs to no break", attach=False)
    services.reflections.reflect(first, {"mood_after": "4"})
    third = ended(services, clock, START + 5 * HOUR, before={"mood_before": "5"})
    clock.advance(HOUR)  # the third break is over: reading shows it once it is settled
    services.settle()

    page = services.review.summaries(limit=2)
    assert [s.item for s in page] == services.breaks.history(limit=2)
    assert [s.item.id for s in page] == [third, second.id]
    assert page[0].item.status is BreakStatus.COMPLETED
    rest = services.review.summaries(limit=2, before_id=second.id)
    assert [s.item.id for s in rest] == [first]
    assert services.review.summaries(limit=2, before_id=first) == []
    figures = [(s.mood_before, s.mood_after, s.entries, s.slips) for s in page + rest]
    # The slip with text is an entry too; the bare slip is only a slip.
    assert figures == [(5, None, 0, 0), (None, None, 2, 2), (2, 4, 0, 0)]


def test_summaries_refuse_bad_paging(services: Services) -> None:
    with pytest.raises(InvalidInput, match="the limit must be between 1 and 1000"):
        services.review.summaries(limit=0)
    with pytest.raises(NotFound, match="there is no break #99"):
        services.review.summaries(before_id=99)


def test_a_page_costs_the_same_queries_for_five_breaks_as_for_fifty(
    services: Services,
) -> None:
    seed(services, 5, START - timedelta(days=30))
    with statements(services) as few:
        assert [s.entries for s in services.review.summaries()] == [2] * 5
    seed(services, 45, START - timedelta(days=20))
    with statements(services) as many:
        page = services.review.summaries()
    assert [(s.mood_before, s.mood_after, s.entries, s.slips) for s in page] == [(3, 3, 2, 1)] * 50
    assert len(many) == len(few) <= 10
    with statements(services) as paged:
        assert len(services.review.summaries(limit=20, before_id=page[9].item.id)) == 20
    assert len(paged) <= len(few) + 1  # plus finding the anchor break
    # The journal's text can be long; a summary only counts entries.
    assert not any("entries.text" in s for s in few + many + paged)


def test_weekly_time_away_counts_ended_breaks_by_the_week_they_began(
    services: Services, clock: FakeClock
) -> None:
    monday = datetime(2026, 11, 23, tzinfo=UTC)  # START's week
    ended(services, clock, monday - timedelta(weeks=5))  # before the four weeks shown
    # Begins on the Sunday before the oldest week shown, so it counts for neither.
    ended(services, clock, monday - timedelta(weeks=3, minutes=30), 2 * HOUR)
    ended(services, clock, monday - timedelta(weeks=2) + HOUR, 3 * HOUR, stop_after=HOUR / 2)
    ended(services, clock, monday - timedelta(weeks=1, hours=1), 2 * HOUR)  # Sunday night
    ended(services, clock, monday + 10 * HOUR)
    clock.set(monday + timedelta(days=1))
    missed = services.breaks.plan(HOUR, at=clock.now() + HOUR, platforms=["x"])
    services.breaks.start(missed)
    cancelled = services.breaks.start(
        services.breaks.plan(HOUR, at=clock.now() + 4 * HOUR, platforms=["x"])
    )
    services.breaks.cancel(cancelled.id or 0)
    clock.advance(3 * HOUR)
    services.breaks.start(services.breaks.plan(HOUR, platforms=["x"]))  # still running

    trends = services.review.trends(weeks=4)
    assert trends.weekly_away == (
        WeekTotal(date(2026, 11, 2), timedelta()),
        WeekTotal(date(2026, 11, 9), timedelta(hours=2, minutes=30)),
        WeekTotal(date(2026, 11, 16), timedelta()),
        WeekTotal(date(2026, 11, 23), HOUR),
    )
    assert (trends.completed, trends.ended_early) == (4, 1)
    assert [w.week_start for w in services.review.trends(weeks=1).weekly_away] == [monday.date()]
    with pytest.raises(InvalidInput, match="the number of weeks must be between 1 and 520"):
        services.review.trends(weeks=0)


@pytest.fixture
def new_york() -> Iterator[None]:
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        yield
    finally:
        os.environ["TZ"] = "UTC"  # as tests/conftest.py sets it for every test
        time.tzset()


def test_weeks_begin_on_monday_in_local_time(
    services: Services, clock: FakeClock, new_york: None
) -> None:
    # 03:00 UTC on a Monday is still Sunday evening in New York, so the week before.
    ended(services, clock, datetime(2026, 11, 16, 3, tzinfo=UTC))
    ended(services, clock, datetime(2026, 11, 23, 3, tzinfo=UTC), 2 * HOUR)
    clock.set(datetime(2026, 11, 25, 12, tzinfo=UTC))
    services.settle()
    assert services.review.trends(weeks=2).weekly_away == (
        WeekTotal(date(2026, 11, 16), 2 * HOUR),
        WeekTotal(date(2026, 11, 23), timedelta()),
    )


def test_mood_shifts_pair_before_and_after_for_the_last_twenty_breaks(
    services: Services, clock: FakeClock
) -> None:
    paired: list[tuple[int, int, int]] = []
    for n in range(21):
        before, after = n % 5 + 1, (n + 2) % 5 + 1
        break_id = ended(services, clock, START + n * 2 * HOUR, before={"mood_before": str(before)})
        services.reflections.reflect(break_id, {"mood_after": str(after)})
        paired.append((break_id, before, after))
    only_before = ended(services, clock, START + 50 * HOUR, before={"mood_before": "1"})
    services.reflections.reflect(only_before, {"learned": "nothing yet"})
    only_after = ended(services, clock, START + 52 * HOUR)
    services.reflections.reflect(only_after, {"mood_after": "5"})
    assert services.review.trends().mood_shifts == tuple(paired[1:])


def test_top_tags_rank_by_use_then_name(services: Services) -> None:
    texts = [
        "#zeta #alpha",
        "#alpha #beta",
        "#beta #zeta",
        "#alpha #gamma",
        "#t6 #t5 #t4 #t3 #t2 #t1",
        "no tags here",
    ]
    for text in texts:
        services.journal.write(text)
    assert services.review.trends().top_tags == (
        ("alpha", 3),
        ("beta", 2),
        ("zeta", 2),
        ("gamma", 1),
        ("t1", 1),
        ("t2", 1),
        ("t3", 1),
        ("t4", 1),
    )


def test_what_was_learned_comes_newest_answer_first(services: Services, clock: FakeClock) -> None:
    first = ended(services, clock, START)
    second = ended(services, clock, START + 2 * HOUR)
    third = ended(services, clock, START + 4 * HOUR)
    services.reflections.reflect(third, {"learned": "the feed is the same every day"})
    clock.advance(HOUR)
    services.reflections.reflect(second, {"helpful": "yes"})
    clock.advance(HOUR)
    services.reflections.reflect(first, {"learned": "I reach for it when bored"})
    learned = services.review.learned()
    assert [(item.break_id, item.text) for item in learned] == [
        (first, "I reach for it when bored"),
        (third, "the feed is the same every day"),
    ]
    assert learned[0].answered_at == clock.now()
    assert learned[1].answered_at == clock.now() - 2 * HOUR
    assert [item.break_id for item in services.review.learned(limit=1)] == [first]

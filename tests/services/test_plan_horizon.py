"""Plans make their breaks a short way ahead, a few at a time, each pass a short write."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session

from breakwell.domain import breaks as rules
from breakwell.domain.clock import FakeClock
from breakwell.domain.recurrence import recurrence_from
from breakwell.services import Services
from breakwell.services.plans import AHEAD
from tests.conftest import START
from tests.journal import database_of

MINUTE = timedelta(minutes=1)


def every_minute(services: Services, length: str = "30s") -> int:
    plan = services.plans.add(
        recurrence_from(cron="* * * * *", length=length), platforms=["x"], timezone="UTC"
    )
    assert plan.id is not None
    return plan.id


@pytest.fixture
def writes(services: Services, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many breaks each write transaction added, in order."""
    sizes: list[int] = []
    original = database_of(services).write

    def count(session: Session) -> int:
        return int(session.execute(text("SELECT count(*) FROM breaks")).scalar_one())

    @contextmanager
    def counted() -> Iterator[Session]:
        with original() as session:
            before = count(session)
            yield session
            sizes.append(count(session) - before)

    monkeypatch.setattr(database_of(services), "write", counted)
    return sizes


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every time two stretches of time are compared for overlap."""
    calls: list[int] = []
    original = rules.overlaps

    def counted(*args: object) -> bool:
        calls.append(1)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(rules, "overlaps", counted)
    return calls


def test_a_per_minute_plan_makes_a_few_breaks_a_pass_each_in_a_short_write(
    services: Services, clock: FakeClock, writes: list[int]
) -> None:
    every_minute(services)
    made = services.plans.materialize()
    # A day's worth would be 1,440 breaks; only the next few are made.
    assert [b.starts_at for b in made] == [START + n * MINUTE for n in range(AHEAD)]
    assert max(writes) <= AHEAD
    assert len(services.breaks.open_breaks()) == AHEAD

    for _ in range(30):
        moment = services.plans.next_materialization()
        assert moment is not None
        clock.set(moment)
        writes.clear()
        assert len(services.plans.materialize()) == 1
        assert max(writes) <= AHEAD
        assert len(services.breaks.open_breaks()) <= AHEAD
    # Every minute's break was made once, none skipped, none twice.
    starts = sorted(b.starts_at for b in services.breaks.history(limit=100))
    assert starts == [START + n * MINUTE for n in range(30 + AHEAD)]


def test_the_work_of_a_pass_does_not_grow_with_the_breaks_already_planned(
    services: Services, clock: FakeClock, comparisons: list[int]
) -> None:
    # Many open breaks, none of them in the way of the plan's.
    for day in range(2, 42):
        item = services.breaks.plan(
            timedelta(hours=1), at=START + timedelta(days=day), platforms=["x"]
        )
        services.breaks.start(item)
    every_minute(services)
    counts = []
    for _ in range(20):
        comparisons.clear()
        services.plans.materialize()
        counts.append(len(comparisons))
        moment = services.plans.next_materialization()
        assert moment is not None
        clock.set(moment)
    open_breaks = 40 + AHEAD
    # Each break made sorts the open ones once and compares each about twice: linear.
    assert max(counts) <= AHEAD * 3 * open_breaks
    assert counts[-1] == counts[1]  # the tenth pass costs what the second did


def test_plan_list_status_and_the_engine_agree_on_what_comes_next(
    services: Services, clock: FakeClock
) -> None:
    every_minute(services, "20s")
    running = 0
    for step in range(6):
        services.plans.materialize()
        status = services.breaks.status()
        shown = [b for b in (status.active, *status.upcoming) if b is not None]
        running += status.active is not None
        assert len(shown) == AHEAD
        # What status shows as coming is what plan list says comes next.
        [view] = services.plans.views(count=AHEAD)
        coming = [b.starts_at for b in status.upcoming]
        after = [t for t in view.upcoming if t > shown[0].starts_at or not status.active]
        assert coming == after[: len(coming)]
        # The engine comes back as the first of them ends, to make the one after the last.
        assert services.plans.next_materialization() == shown[0].ends_at
        # Later, within the next break or between two, by turns.
        clock.set(shown[0].ends_at + timedelta(seconds=45 if step % 2 else 5))
    assert running == 3


def test_an_hourly_plan_has_only_the_next_few_made(services: Services) -> None:
    services.plans.add(
        recurrence_from(cron="0 * * * *", length="10m"), platforms=["x"], timezone="UTC"
    )
    made = services.plans.materialize()
    assert [b.starts_at for b in made] == [START + timedelta(hours=n) for n in range(AHEAD)]
    # The next is made when the first has ended.
    assert services.plans.next_materialization() == START + timedelta(minutes=10)

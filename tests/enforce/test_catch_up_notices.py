"""Starting an enforcer never replays old notifications: what happened while none ran is told
in at most one summary, nothing older than a day is told at all, and what happens while the
enforcer runs is told as it comes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from breakwell.domain.breaks import Break, BreakStatus
from breakwell.domain.clock import FakeClock
from breakwell.domain.events import Event, EventKind
from breakwell.domain.notices import CATCH_UP_TITLE, catch_up_summary, happened_at
from breakwell.enforce.blocker import Blocker
from breakwell.enforce.engine import JOB_DEFAULTS, Engine
from breakwell.enforce.notify import Notifier
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.store import events as event_store
from tests.enforce.conftest import Driver, Inbox
from tests.journal import database_of

Enforced = tuple[Services, Engine, Driver, Inbox]
Restarted = tuple["Notebook", Services, Engine, Driver]
T = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


class Notebook:
    """A desktop channel that keeps each notification whole."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def send(self, title: str, body: str) -> bool:
        self.shown.append((title, body))
        return True


def start(services: Services, minutes: int) -> int:
    made = services.breaks.start(services.breaks.plan(timedelta(minutes=minutes), platforms=["x"]))
    assert made.id is not None
    return made.id


def killed(engine: Engine) -> None:
    """The enforcer dies: no close(), its jobs and lock go with the process."""
    engine.scheduler.remove_all_jobs()
    assert engine.blocker is not None
    engine.blocker.close()


@pytest.fixture
def restart(hosts_file: Path, clock: FakeClock) -> Iterator[Callable[[], Restarted]]:
    """Prepared on demand: an enforcer that starts now, with its own notification channel."""
    made: list[tuple[Services, Engine, BackgroundScheduler]] = []
    notebook = Notebook()

    def begin() -> Restarted:
        services = build_services(load_settings(), clock)
        scheduler = BackgroundScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)
        scheduler.start(paused=True)
        engine = Engine(services, scheduler, Notifier(desktop=notebook), Blocker(hosts_file))
        made.append((services, engine, scheduler))
        engine.prepare()
        return notebook, services, engine, Driver(engine, clock)

    yield begin
    for services, engine, scheduler in made:
        engine.close()
        scheduler.shutdown(wait=False)
        services.close()


def test_what_happened_while_none_ran_is_one_summary_and_nothing_older_than_a_day(
    enforced: Enforced, clock: FakeClock, restart: Callable[[], Restarted]
) -> None:
    services, engine, _, inbox = enforced
    killed(engine)
    # More than a day before the next enforcer starts: a break, a slip, its end.
    clock.advance(timedelta(hours=1))
    start(services, minutes=10)
    clock.advance(timedelta(minutes=5))
    services.journal.slip()
    clock.advance(timedelta(minutes=15))
    services.breaks.open_breaks()  # a command settles it: break #1 completed
    # Within the day: a break started from the shell, a slip; it runs out with nobody there.
    clock.advance(timedelta(hours=30))
    second = start(services, minutes=20)
    clock.advance(timedelta(minutes=5))
    services.journal.slip()
    clock.advance(timedelta(hours=19))
    notebook, again, engine2, driver = restart()
    assert again.breaks.get(second).status is BreakStatus.COMPLETED
    assert notebook.shown == [(CATCH_UP_TITLE, f"break #{second} ended, 1 slip")]
    assert inbox.titles == []
    told = again.events.recent(kinds=["notification.sent"])
    assert [e.detail for e in told] == [f"catch-up via desktop: {CATCH_UP_TITLE}"]
    # From here on, each event is told as it comes.
    third = start(again, minutes=30)
    engine2.reconcile()
    again.journal.slip()
    engine2.watch()
    driver.advance(timedelta(minutes=31))
    assert [title for title, _ in notebook.shown[1:]] == [
        f"Break #{third} has started",
        "Slip logged",
        f"Break #{third} is complete",
    ]


def test_a_break_started_a_moment_before_the_enforcer_is_told_as_it_comes(
    enforced: Enforced, clock: FakeClock, restart: Callable[[], Restarted]
) -> None:
    services, engine, _, _ = enforced
    killed(engine)
    first = start(services, minutes=30)
    clock.advance(timedelta(hours=3))
    # `breakwell start`, which then starts an enforcer; starting settles the first break too.
    second = start(services, minutes=30)
    clock.advance(timedelta(seconds=2))
    notebook, _, _, _ = restart()
    assert [title for title, _ in notebook.shown] == [
        CATCH_UP_TITLE,
        f"Break #{second} has started",
    ]
    assert notebook.shown[0][1] == f"break #{first} ended"


def test_a_long_backlog_is_one_summary_and_later_news_is_never_folded(
    enforced: Enforced, clock: FakeClock, restart: Callable[[], Restarted]
) -> None:
    services, engine, _, _ = enforced
    killed(engine)
    running = start(services, minutes=600)
    clock.advance(timedelta(minutes=10))
    with database_of(services).write() as session:
        for minute in range(250):
            at = clock.now() - timedelta(minutes=10) + timedelta(seconds=2 * minute)
            event_store.add_event(session, Event(at, EventKind.SLIP_LOGGED, running, "phone"))
    clock.advance(timedelta(minutes=10))
    notebook, again, engine2, _ = restart()
    assert notebook.shown == [(CATCH_UP_TITLE, f"break #{running} started, 250 slips")]
    # Another device's slip, written late with its own older time: told, and told alone.
    with database_of(again).write() as session:
        event_store.add_event(
            session,
            Event(clock.now() - timedelta(hours=2), EventKind.SLIP_LOGGED, running, "phone"),
        )
    engine2.watch()
    engine2.reconcile()
    assert [title for title, _ in notebook.shown] == [CATCH_UP_TITLE, "Slip logged"]


def test_a_break_that_ran_out_more_than_a_day_ago_is_not_told_when_noticed(
    enforced: Enforced, clock: FakeClock, restart: Callable[[], Restarted]
) -> None:
    services, engine, _, _ = enforced
    killed(engine)
    clock.advance(timedelta(hours=2))
    old = start(services, minutes=10)
    clock.advance(timedelta(hours=30))
    notebook, again, _, _ = restart()
    # The new enforcer's first pass completes it now, but it ended 30 hours ago.
    assert again.breaks.get(old).status is BreakStatus.COMPLETED
    assert notebook.shown == []
    assert again.events.recent(kinds=["notification.sent"]) == []


def event(kind: EventKind, break_id: int | None = None, at: datetime = T) -> Event:
    return Event(at, kind, break_id, "laptop")


def test_the_summary_says_each_break_once_and_counts_slips() -> None:
    events = [
        event(EventKind.BREAK_STARTED, 5),
        event(EventKind.SLIP_LOGGED, 5),
        event(EventKind.BREAK_COMPLETED, 5),
        event(EventKind.BREAK_STARTED, 6),
        event(EventKind.BREAK_ENDED_EARLY, 6),
        event(EventKind.BREAK_MISSED, 7),
        event(EventKind.BREAK_STARTED, 8),
        event(EventKind.SLIP_LOGGED, 8),
        event(EventKind.BLOCK_APPLIED, 8),
    ]
    assert catch_up_summary(events) == (
        "While breakwell was not running",
        "break #8 started, breaks #5 and #6 ended, break #7 was missed, 2 slips",
    )
    assert catch_up_summary(events[:3]) == (CATCH_UP_TITLE, "break #5 ended, 1 slip")
    missed = [event(EventKind.BREAK_MISSED, i) for i in (1, 2, 3)]
    assert catch_up_summary(missed) == (CATCH_UP_TITLE, "breaks #1, #2 and #3 were missed")
    quiet = [event(EventKind.BLOCK_APPLIED), event(EventKind.ENFORCER_STOPPED)]
    assert catch_up_summary(quiet) is None
    assert catch_up_summary([]) is None


def test_a_break_that_ran_out_unwatched_happened_at_its_own_end() -> None:
    ran = Break(
        T,
        T + timedelta(minutes=30),
        ("x",),
        status=BreakStatus.COMPLETED,
        id=1,
        ended_at=T + timedelta(minutes=30),
    )
    noticed = event(EventKind.BREAK_COMPLETED, 1, at=T + timedelta(days=2))
    assert happened_at(noticed, ran) == T + timedelta(minutes=30)
    missed = Break(T, T + timedelta(minutes=5), ("x",), status=BreakStatus.MISSED, id=2)
    assert happened_at(event(EventKind.BREAK_MISSED, 2, at=T + timedelta(hours=3)), missed) == (
        T + timedelta(minutes=5)
    )
    slip = event(EventKind.SLIP_LOGGED, 1, at=T + timedelta(minutes=3))
    assert happened_at(slip, ran) == slip.at
    assert happened_at(noticed, None) == noticed.at

"""What the root hosts helper did or refused reaches the event log, whoever ran it."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler

from breakwell.domain.clock import FakeClock
from breakwell.domain.events import EventKind
from breakwell.enforce.blocker import Blocker, HelperNote
from breakwell.enforce.engine import JOB_DEFAULTS, Engine
from breakwell.enforce.notify import Notifier
from breakwell.services import build_services
from breakwell.settings import load_settings
from tests.enforce.conftest import Inbox

LINES = (
    "2026-11-23T20:00:00+00:00 alice refused clear: x.com is held until 21:00 UTC",
    "2026-11-23T20:00:01+00:00 alice applied 2 domains",
)


class HelperLogBlocker(Blocker):
    """A blocker whose helper log gains lines the test writes, as the real helper's does."""

    def __init__(self, hosts_file: Path) -> None:
        super().__init__(hosts_file, exclusive=False)
        self.pending: list[str] = []

    def helper_news(self) -> list[HelperNote]:
        news, self.pending = [HelperNote(line) for line in self.pending], []
        return news


def test_a_helper_run_by_hand_is_recorded_at_the_next_tick(
    hosts_file: Path, clock: FakeClock
) -> None:
    services = build_services(load_settings(), clock)
    scheduler = BackgroundScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)
    scheduler.start(paused=True)
    blocker = HelperLogBlocker(hosts_file)
    engine = Engine(services, scheduler, Notifier(desktop=Inbox()), blocker)
    try:
        engine.prepare()
        blocker.pending = list(LINES)
        engine.watch()
        engine.watch()
        kinds = [
            (e.kind, e.detail)
            for e in reversed(services.events.recent(50))
            if e.kind in (EventKind.HELPER_ACTED, EventKind.HELPER_REFUSED)
        ]
        assert kinds == [(EventKind.HELPER_REFUSED, LINES[0]), (EventKind.HELPER_ACTED, LINES[1])]
    finally:
        engine.close()
        scheduler.shutdown(wait=False)
        services.close()

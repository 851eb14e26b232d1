"""An engine on a fake clock, with the test playing the scheduler's part."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from breakwell.domain.clock import FakeClock
from breakwell.enforce.blocker import Blocker
from breakwell.enforce.engine import JOB_DEFAULTS, WATCH_JOB, Engine
from breakwell.enforce.notify import Notifier
from breakwell.services import Services, build_services
from breakwell.settings import load_settings

HOSTS = b"127.0.0.1 localhost\n::1 localhost\n"


class Inbox:
    """A notification channel that keeps what it was asked to show."""

    def __init__(self) -> None:
        self.titles: list[str] = []

    def send(self, title: str, body: str) -> bool:
        self.titles.append(title)
        return True


class Driver:
    """Runs the engine's date jobs when the fake clock reaches them, as APScheduler would."""

    def __init__(self, engine: Engine, clock: FakeClock) -> None:
        self.engine = engine
        self.clock = clock

    def due(self) -> list[tuple[datetime, str]]:
        return sorted(
            (job.next_run_time, job.id)
            for job in self.engine.scheduler.get_jobs()
            if job.id != WATCH_JOB
        )

    def run_due(self) -> None:
        for _ in range(1000):
            ready = [(t, i) for t, i in self.due() if t <= self.clock.now()]
            if not ready:
                return
            job = self.engine.scheduler.get_job(ready[0][1])
            job.remove()
            job.func(*job.args)
        raise AssertionError("jobs keep coming due without the clock moving")

    def advance(self, delta: timedelta) -> None:
        """Move time forward, running each job at its own time on the way."""
        until = self.clock.now() + delta
        while upcoming := [t for t, _ in self.due() if self.clock.now() <= t <= until]:
            self.clock.set(upcoming[0])
            self.run_due()
        self.clock.set(until)
        self.run_due()

    def sleep(self, delta: timedelta) -> None:
        """The machine sleeps: nothing runs, then everything due runs at once on waking."""
        self.clock.advance(delta)
        self.run_due()


@pytest.fixture(autouse=True)
def _each_backend(backend: str) -> str:
    """Every test here runs on SQLite and on PostgreSQL (see tests/conftest.py)."""
    return backend


@pytest.fixture
def hosts_file(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "hosts"
    path.write_bytes(HOSTS)
    (home / "config.toml").write_text(
        f'device_name = "laptop"\n[blocking]\nhosts_file = "{path}"\n'
    )
    return path


@pytest.fixture
def enforced(
    hosts_file: Path, clock: FakeClock
) -> Iterator[tuple[Services, Engine, Driver, Inbox]]:
    services = build_services(load_settings(), clock)
    scheduler = BackgroundScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)
    scheduler.start(paused=True)
    inbox = Inbox()
    engine = Engine(services, scheduler, Notifier(desktop=inbox), Blocker(hosts_file))
    engine.prepare()
    yield services, engine, Driver(engine, clock), inbox
    engine.close()
    scheduler.shutdown(wait=False)
    services.close()

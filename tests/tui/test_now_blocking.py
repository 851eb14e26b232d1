"""The Now screen's blocking line tells the truth at every moment: starting, blocked, lifted
in an emergency, and `blocking grant` only when permission is what stands in the way."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from breakwell.domain.blocking import no_companion_sentence
from breakwell.domain.break_kinds import Mode
from breakwell.domain.breaks import blocked_domains
from breakwell.domain.clock import FakeClock
from breakwell.enforce import hosts
from breakwell.enforce.companions import hold_companion
from breakwell.enforce.lock import EnforcerLock
from breakwell.enforce.unblock import emergency_unblock
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.tui.app import BreakwellApp
from breakwell.tui.screens.now import NowScreen
from tests.journal import settings_of
from tests.tui.helpers import settle, text_of
from tests.tui.test_app import enforcing_home

AT_NIGHT = datetime(2026, 11, 24, 3, 10, tzinfo=UTC)
ENFORCER = f"The enforcer (pid {os.getpid()}) keeps breaks on time."


@pytest.fixture
def watched(home: Path, clock: FakeClock) -> Iterator[tuple[Services, Path]]:
    """A home with its own hosts file and an enforcer that holds the lock but has yet to
    write anything, as in the second after a break starts."""
    hosts_file = enforcing_home(home)
    clock.set(AT_NIGHT)
    services = build_services(load_settings(), clock)
    enforcer = EnforcerLock(services.preferences.runtime_dir)
    assert enforcer.acquire()
    yield services, hosts_file
    enforcer.release()
    services.close()


def start(services: Services) -> int:
    item = services.breaks.start(services.breaks.plan(timedelta(hours=1), platforms=["x"]))
    assert item.id is not None
    return item.id


def line(app: BreakwellApp) -> str:
    return text_of(app, "#enforcement")


async def test_the_moment_after_a_start_says_the_block_is_starting(
    watched: tuple[Services, Path], clock: FakeClock
) -> None:
    services, _ = watched
    start(services)
    app = BreakwellApp(services, settings_of(services))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert line(app) == f"Starting the block… {ENFORCER}"
        # Still missing long after the start, it is the fault it then is.
        clock.advance(timedelta(seconds=31))
        assert isinstance(app.screen, NowScreen)
        app.screen.refresh_countdown()
        assert line(app) == (
            "Not blocked: break #1's sites are open: the enforcer has not applied it yet. "
            f"{ENFORCER}"
        )
        assert "blocking grant" not in line(app)


async def test_once_applied_it_names_what_is_blocked(watched: tuple[Services, Path]) -> None:
    services, hosts_file = watched
    start(services)
    app = BreakwellApp(services, settings_of(services))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert line(app).startswith("Starting the block…")
        item = services.breaks.status().active
        assert item is not None
        domains = blocked_domains(item, services.preferences.catalogue)
        hosts_file.write_bytes(hosts.with_block(hosts_file.read_bytes(), domains))
        app.load_status()
        await settle(pilot)
        assert line(app) == (
            f"Blocking mobile.twitter.com, mobile.x.com, t.co and 4 more in {hosts_file}. "
            f"{ENFORCER}"
        )


async def test_after_an_emergency_exit_it_says_so_with_the_time(
    watched: tuple[Services, Path], clock: FakeClock
) -> None:
    services, _ = watched
    start(services)
    app = BreakwellApp(services, settings_of(services))
    async with app.run_test() as pilot:
        await settle(pilot)
        clock.set(AT_NIGHT + timedelta(minutes=6))
        emergency_unblock(services, settings_of(services))
        clock.advance(timedelta(minutes=3))
        app.load_status()
        await settle(pilot)
        assert line(app) == (
            f"Unblocked for the rest of this break by an emergency exit at 03:16. {ENFORCER}"
        )


async def test_grant_advice_only_when_permission_stands_in_the_way(
    watched: tuple[Services, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    services, hosts_file = watched
    refused = f"breakwell may not edit {hosts_file} (allow it once with: breakwell blocking grant"
    monkeypatch.setattr("breakwell.enforce.probe._cannot_write", lambda path: refused + ")")
    start(services)
    app = BreakwellApp(services, settings_of(services))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert line(app) == (f"Not blocked: break #1's sites are open: {refused}). {ENFORCER}")


async def test_a_watch_break_says_when_nothing_blocks_posting(
    watched: tuple[Services, Path],
) -> None:
    services, _ = watched
    planned = services.breaks.plan(timedelta(hours=1), platforms=["x"], mode=Mode.WATCH)
    services.breaks.start(planned)
    app = BreakwellApp(services, settings_of(services))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert line(app).startswith(
            "Posting is not blocked: no browser companion is connected (breakwell browser "
            "install). "
        )
        held = hold_companion(services.preferences.runtime_dir, "chromium")
        assert held is not None
        app.load_status()
        await settle(pilot)
        assert no_companion_sentence() not in line(app)
        held.release()

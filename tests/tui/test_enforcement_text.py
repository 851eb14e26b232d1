"""The Now screen's line about blocking, for breaks of each mode."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from breakwell.domain.break_kinds import Mode
from breakwell.services import Services
from breakwell.tui.enforcement import describe_enforcement
from breakwell.tui.role import Role

HOSTS = Path("/tmp/hosts-of-this-test")


def _running(services: Services, mode: Mode) -> None:
    services.breaks.start(services.breaks.plan(timedelta(hours=1), platforms=["x"], mode=mode))


def test_a_watch_break_says_its_sites_stay_open_to_read(services: Services) -> None:
    _running(services, Mode.WATCH)
    status = services.breaks.status()
    line = describe_enforcement(
        Role.ENFORCING, status.active, (), HOSTS, running=status.running, now=status.now
    )
    assert line.startswith("Watching: the sites stay open to read; nothing is blocked in")
    assert "name no sites" not in line


def test_without_a_companion_a_watch_break_says_first_that_posting_is_open(
    services: Services,
) -> None:
    _running(services, Mode.WATCH)
    status = services.breaks.status()
    line = describe_enforcement(
        Role.ENFORCING,
        status.active,
        (),
        HOSTS,
        running=status.running,
        now=status.now,
        posting_open=True,
    )
    assert line.startswith("Posting is not blocked: no browser companion is connected")
    assert "Watching: the sites stay open to read" in line


def test_an_unplug_break_with_nothing_in_the_file_is_not_called_watching(
    services: Services,
) -> None:
    _running(services, Mode.UNPLUG)
    status = services.breaks.status()
    line = describe_enforcement(
        Role.ENFORCING, status.active, (), HOSTS, running=status.running, now=status.now
    )
    assert not line.startswith("Watching")

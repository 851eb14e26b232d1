"""A launch that waits long for its services (an upgrade of the journal) says why on screen,
where the person is looking, and stops saying it once they are here."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message

from breakwell.cli.answers import system
from breakwell.cli.context import CliContext
from breakwell.domain.clock import FakeClock
from breakwell.services import Services
from breakwell.store.quick import sqlite_file
from breakwell.store.revision import HEAD_REVISION
from breakwell.tui.app import BreakwellApp
from breakwell.tui.messages import Waiting
from breakwell.tui.screens.now import NowScreen
from tests.journal import settings_of
from tests.store.test_migrations import at_revision
from tests.tui.helpers import settle, text_of
from tests.tui.test_glance import arrange, reader, shown, until
from tests.tui.test_launch import PATIENCE

# Brackets, as a path may hold: said as they are, not read as markup.
LINE = "Upgrading the journal at /tmp/[b]old[/b].db for this breakwell; let it finish."


def now_screen(app: BreakwellApp) -> NowScreen:
    screen = app.screen
    assert isinstance(screen, NowScreen)
    return screen


def told_then_held(gate: threading.Event, services: Services) -> Callable[..., Services]:
    def build(announce: Callable[[str], None]) -> Services:
        announce(LINE)
        gate.wait(PATIENCE)
        return services

    return build


async def test_the_loading_line_says_why_until_the_services_come(services: Services) -> None:
    gate = threading.Event()
    app = BreakwellApp(told_then_held(gate, services), settings_of(services), enforce=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: bool(app.screen.query("#loading")) and text_of(app, "#loading") == LINE)
        assert not app._notifications
        gate.set()
        await settle(pilot)
        assert not app.screen.query("#loading")
        assert text_of(app, "#headline") == "No break is running"
        assert not app._notifications


async def test_over_a_glance_it_is_a_notice_cleared_when_the_services_come(
    services: Services, clock: FakeClock
) -> None:
    arrange(services, clock)
    gate = threading.Event()
    settings = settings_of(services)
    build = told_then_held(gate, services)
    app = BreakwellApp(build, settings, enforce=False, glance=reader(clock), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.now_shown and bool(app._notifications))
        [notice] = list(app._notifications)
        assert (notice.title, notice.message) == ("One moment", LINE)
        # The glance stays as it was drawn.
        glanced = shown(app)
        assert "On a break from X (Twitter), Instagram" in str(glanced["#headline"])
        gate.set()
        await settle(pilot)
        assert now_screen(app).ready
        assert not app._notifications
        assert shown(app) == glanced


async def test_the_app_hears_of_a_real_upgrade_and_nothing_goes_to_standard_error(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = CliContext()
    journal = sqlite_file(cli.settings.database_url)
    assert journal is not None
    journal.parent.mkdir(parents=True, exist_ok=True)
    at_revision(journal, "0006").dispose()
    opened: list[Any] = []
    monkeypatch.setattr("breakwell.tui.run_app", lambda build, *_, **__: opened.append(build))
    # The command line's way in: the app is handed a builder that tells it, not stderr.
    system.app(cli)
    [build] = opened
    heard: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Waiting):
            heard.append(message.line)

    app = BreakwellApp(build, cli.settings, enforce=False)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await until(lambda: now_screen(app).ready)
        await settle(pilot)
        assert text_of(app, "#headline") == "No break is running"
    assert heard == [
        f"Upgrading the journal at {journal} for this breakwell; a large journal takes a few"
        " minutes, so let it finish."
    ]
    assert capsys.readouterr().err == ""
    cli.close()
    with closing(sqlite3.connect(journal)) as connection:
        [(revision,)] = connection.execute("SELECT version_num FROM alembic_version")
    assert revision == HEAD_REVISION

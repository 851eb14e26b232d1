"""Launching: the services are built after the first frame when the app is given a way to
build them, and enforcement is taken over only once the Now screen shows its first data. A
reload during the launch replaces the settling under way; the status still arrives, read after
the takeover."""

from __future__ import annotations

import asyncio
import gc
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual import events
from textual.message import Message
from textual.pilot import Pilot
from textual.worker import NoActiveWorker, Worker, WorkerState, get_current_worker

from breakwell.domain.breaks import Break
from breakwell.domain.errors import InvalidInput, StoreUnavailable
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.store.quick import sqlite_file
from breakwell.tui import run_app
from breakwell.tui.app import BreakwellApp
from breakwell.tui.enforcement import AppEnforcement
from breakwell.tui.messages import StatusLoaded
from breakwell.tui.role import Role
from breakwell.tui.screens.now import NowScreen
from tests.journal import settings_of
from tests.tui.helpers import settle, text_of
from tests.tui.test_app import enforcing_home, start_break

# Generous: the machine running the tests may be busy; a wait that ends early is no failure.
PATIENCE = 30.0


def _in_group(group: str) -> bool:
    try:
        return get_current_worker().group == group
    except NoActiveWorker:
        return False


@contextmanager
def settling_held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold the app's own settling (not the engine's, which runs in the takeover) until the
    event is set."""
    gate = threading.Event()
    real = Services.settle

    def held(services: Services) -> list[Break]:
        if _in_group("settle"):
            gate.wait(PATIENCE)
        return real(services)

    monkeypatch.setattr(Services, "settle", held)
    try:
        yield gate
    finally:
        gate.set()


class Launch:
    """A message hook that keeps the status reads shown and the workers cancelled."""

    def __init__(self) -> None:
        self.loaded: list[StatusLoaded] = []
        self.cancelled: list[Worker[object]] = []

    def __call__(self, message: object) -> None:
        if isinstance(message, StatusLoaded):
            self.loaded.append(message)
        elif isinstance(message, Worker.StateChanged) and message.state is WorkerState.CANCELLED:
            self.cancelled.append(message.worker)


def enforcing_services(home: Path) -> Services:
    enforcing_home(home)
    services = build_services(load_settings())
    start_break(services)
    return services


async def finished(pilot: Pilot[None], group: str) -> None:
    """Until the group's workers are done, cancelled or not, and what they said is handled.
    (Not `wait_for_complete`: given no workers, it waits for all of them, the held one too.)"""
    running = [w for w in pilot.app.workers if w.group == group]
    await asyncio.gather(*(w.wait() for w in running), return_exceptions=True)
    await pilot.pause()


async def replaced(pilot: Pilot[None], launch: Launch) -> None:
    """Reload while the launch's settling is held: the newer settling replaces it."""
    await pilot.press("ctrl+r")
    for _ in range(int(PATIENCE / 0.01)):
        if launch.cancelled:
            break
        await pilot.pause(0.01)


async def test_enforcement_is_taken_over_once_the_now_screen_shows_its_first_data(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = enforcing_services(home)
    app = BreakwellApp(services, settings_of(services))
    shown_at_takeover: list[str] = []
    real = AppEnforcement.take_over

    def take_over(enforcement: AppEnforcement, *args: object, **kwargs: object) -> object:
        # Asked of the UI thread, which owns the widgets, from the takeover's own thread.
        shown_at_takeover.append(app.call_from_thread(text_of, app, "#headline"))
        return real(enforcement, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(AppEnforcement, "take_over", take_over)
    launch = Launch()
    async with app.run_test(message_hook=launch) as pilot:
        await settle(pilot)
        assert shown_at_takeover == ["On a break from X (Twitter), Instagram"]
        assert not launch.loaded[0].after_takeover
        assert launch.loaded[-1].after_takeover and app.launched
        assert app.role_text == Role.ENFORCING
        assert text_of(app, "#enforcement").startswith("Blocking instagram.com")
        await pilot.press("q")
    services.close()


async def test_a_reload_during_the_launch_replaces_its_settling(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = enforcing_services(home)
    launch = Launch()
    with settling_held(monkeypatch) as settling:
        app = BreakwellApp(services, settings_of(services))
        async with app.run_test(message_hook=launch) as pilot:
            await replaced(pilot, launch)
            assert [w.group for w in launch.cancelled] == ["settle"]
            # Nothing read, nothing taken over: both wait for the settling.
            assert launch.loaded == [] and app.status is None
            assert app.role_text == "starting…" and not app.launched
            settling.set()
            await settle(pilot)
            assert app.launched
            assert [m.after_takeover for m in launch.loaded][-1]
            assert text_of(app, "#headline") == "On a break from X (Twitter), Instagram"
            await pilot.press("q")
    services.close()


class FirstFrame:
    """A message hook that notes whether the services were built when the first frame was
    drawn (Textual's Ready)."""

    def __init__(self) -> None:
        self.built: list[Services] = []
        self.built_at_first_frame: bool | None = None

    def build(self, services: Services) -> Services:
        self.built.append(services)
        return services

    def __call__(self, message: Message) -> None:
        if isinstance(message, events.Ready):
            self.built_at_first_frame = bool(self.built)


async def test_given_a_builder_the_app_builds_its_services_once_after_the_first_frame(
    services: Services,
) -> None:
    start_break(services)
    frame = FirstFrame()
    app = BreakwellApp(lambda _: frame.build(services), settings_of(services), enforce=False)
    async with app.run_test(message_hook=frame) as pilot:
        await settle(pilot)
        assert frame.built_at_first_frame is False
        assert frame.built == [services]
        assert app.launched
        assert text_of(app, "#headline") == "On a break from X (Twitter), Instagram"


async def test_without_enforcement_the_first_status_ends_the_launch(services: Services) -> None:
    launch = Launch()
    app = BreakwellApp(services, settings_of(services), enforce=False)
    async with app.run_test(message_hook=launch) as pilot:
        await settle(pilot)
        assert app.launched
        assert [m.after_takeover for m in launch.loaded] == [True]
        assert launch.cancelled == []


async def test_until_the_services_are_built_only_quitting_works(services: Services) -> None:
    gate = threading.Event()

    def build(_: Callable[[str], None]) -> Services:
        gate.wait(PATIENCE)
        return services

    app = BreakwellApp(build, settings_of(services), enforce=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        for key in ("2", "s", "ctrl+r", "question_mark"):
            await pilot.press(key)
        assert isinstance(app.screen, NowScreen) and not app.screen.query("#now-body")
        assert text_of(app, "#loading") == "Loading…"
        gate.set()
        await settle(pilot)
        assert text_of(app, "#headline") == "No break is running"
        await pilot.press("q")
    assert not app.is_running


async def test_a_journal_that_cannot_be_opened_closes_the_app_with_its_one_line(
    home: Path,
) -> None:
    settings = load_settings()
    journal = sqlite_file(settings.database_url)
    assert journal is not None
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text("not a journal")
    app = BreakwellApp(lambda _: build_services(settings), settings)
    async with app.run_test() as pilot:

        async def closed() -> None:
            while app.failure is None:
                await pilot.pause()

        await asyncio.wait_for(closed(), PATIENCE)
    assert isinstance(app.failure, StoreUnavailable)
    assert "cannot open the database" in str(app.failure)
    assert app.return_code == app.failure.exit_code == 2
    # Nothing was taken over, nothing handed over, and the file is as it was.
    assert app.enforcement is None and app.farewell is None
    assert journal.read_text() == "not a journal"


def test_run_app_says_why_the_journal_cannot_be_opened(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings()
    failure = StoreUnavailable("cannot open the database at breakwell.db")

    def run(app: BreakwellApp) -> None:
        app.failure = failure

    monkeypatch.setattr(BreakwellApp, "run", run)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    with pytest.raises(StoreUnavailable) as raised:
        run_app(lambda _: build_services(settings), settings)
    assert raised.value is failure


def test_an_app_that_cannot_be_made_gives_the_garbage_collector_back(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The launch pauses the collector until the first frame; an app that never gets there
    leaves it on, as it was."""
    settings = load_settings()

    def refuse(*_: object, **__: object) -> None:
        raise InvalidInput("the keymap names a key twice")

    monkeypatch.setattr(BreakwellApp, "__init__", refuse)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    assert gc.isenabled()
    with pytest.raises(InvalidInput):
        run_app(lambda _: build_services(settings), settings)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_being_told_to_stop_leaves_the_app_as_quitting_does(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM (a `kill`, or `breakwell demo` being stopped) exits the app cleanly, so the
    terminal is given back and whatever runs after the app still runs."""
    settings = load_settings()
    original = signal.getsignal(signal.SIGTERM)
    exits: list[BreakwellApp] = []

    def run(app: BreakwellApp) -> None:
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler) and handler is not original
        handler(signal.SIGTERM, None)

    monkeypatch.setattr(BreakwellApp, "run", run)
    monkeypatch.setattr(BreakwellApp, "exit", lambda app, *args, **kwargs: exits.append(app))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    run_app(lambda _: build_services(settings), settings)
    assert len(exits) == 1
    assert signal.getsignal(signal.SIGTERM) is original

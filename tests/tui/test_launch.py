"""Launching with enforcement: the takeover can finish before the app's first settling has
reported, the order in which the bench's first-screen launches used to fail. The Now screen's
status still arrives, read after the takeover, and no read is started only to be read again."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import NoActiveWorker, Worker, WorkerState, get_current_worker

from breakwell.domain.breaks import Break
from breakwell.services import Services, build_services
from breakwell.settings import load_settings
from breakwell.tui.app import BreakwellApp
from breakwell.tui.messages import StatusLoaded
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
    event is set, so the takeover finishes first."""
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


async def taken_over(pilot: Pilot[None], launch: Launch) -> None:
    """Until the takeover is done and its first pass has asked for a fresh settling, which
    replaces the one still held."""
    await finished(pilot, "enforcement")
    for _ in range(int(PATIENCE / 0.01)):
        if launch.cancelled:
            break
        await pilot.pause(0.01)


async def test_a_takeover_before_the_first_settling_leaves_the_status_to_it(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = enforcing_services(home)
    launch = Launch()
    with settling_held(monkeypatch) as settling:
        app = BreakwellApp(services, settings_of(services))
        async with app.run_test(message_hook=launch) as pilot:
            await taken_over(pilot, launch)
            assert app.role_text == "enforcing here"
            assert [w.group for w in launch.cancelled] == ["settle"]
            await finished(pilot, "status")
            # Nothing has been read yet that the settling would only have to read again.
            assert launch.loaded == []
            assert app.status is None and not app.launched
            settling.set()
            await settle(pilot)
            assert app.launched
            assert launch.loaded and all(m.after_takeover for m in launch.loaded)
            assert text_of(app, "#headline") == "On a break from X (Twitter), Instagram"
            assert text_of(app, "#enforcement").startswith("Blocking instagram.com")
            await pilot.press("q")
    services.close()


async def test_without_enforcement_the_first_status_ends_the_launch(services: Services) -> None:
    launch = Launch()
    app = BreakwellApp(services, settings_of(services), enforce=False)
    async with app.run_test(message_hook=launch) as pilot:
        await settle(pilot)
        assert app.launched
        assert [m.after_takeover for m in launch.loaded] == [True]
        assert launch.cancelled == []

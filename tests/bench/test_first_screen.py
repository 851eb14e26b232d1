"""The first screen's measure waits for the app's data, and a worker replaced at launch (a
reload while the launch's settling runs) cannot break it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from bench.first_screen import until_launched
from breakwell.tui.app import BreakwellApp
from tests.journal import settings_of
from tests.tui.helpers import text_of
from tests.tui.test_launch import PATIENCE, Launch, enforcing_services, replaced, settling_held


async def test_the_measure_waits_through_a_replaced_worker(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = enforcing_services(home)
    launch = Launch()
    with settling_held(monkeypatch) as settling:
        app = BreakwellApp(services, settings_of(services))
        async with app.run_test(message_hook=launch) as pilot:
            waiting = asyncio.create_task(until_launched(pilot))
            await replaced(pilot, launch)
            assert launch.cancelled
            # Waiting on the workers themselves, as the measure used to, fails here.
            with pytest.raises(WorkerCancelled):
                await app.workers.wait_for_complete(launch.cancelled)
            assert not waiting.done()
            settling.set()
            await asyncio.wait_for(waiting, PATIENCE)
            assert app.launched
            assert all(worker.is_finished for worker in app.workers)
            assert text_of(app, "#headline") == "On a break from X (Twitter), Instagram"
            await pilot.press("q")
    services.close()

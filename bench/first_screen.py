"""Run in a child process: open an app headless and print how long after the process began its
first screen was ready, in seconds.

    python bench/first_screen.py breakwell|bare START

START is the parent's time.time() just before it started this process, so the figure includes
the interpreter starting and every import, as a person launching the app would wait for them.
"`breakwell`" is the real app on the journal in BREAKWELL_HOME, taking over enforcement as a
launch does, ready once the Now screen shows a status read after the takeover and every load
the launch started (settling, status, latest entries, commitments) is done; "bare" is a Textual
app with a header, one line of text and a footer, ready once it has drawn.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

SIZE = (120, 40)
# Between looks while nothing is running: a message on its way, not yet handled.
IDLE_LOOK = 0.002


async def until_launched(pilot: Any) -> None:
    """Until the app says its launch is over and none of its workers is still running.

    Each worker is waited for as it is, never for the whole set at once: an exclusive worker
    replaced by a newer one ends cancelled, which is no failure here, and the newer one is
    waited for at the next look."""
    app = pilot.app
    while True:
        running = [worker for worker in app.workers if not worker.is_finished]
        await asyncio.gather(*(worker.wait() for worker in running), return_exceptions=True)
        await pilot.pause()
        if app.launched and all(worker.is_finished for worker in app.workers):
            return
        if not running:
            await asyncio.sleep(IDLE_LOOK)


async def _until_ready(pilot: Any) -> None:
    await until_launched(pilot)
    print(f"{time.time() - float(sys.argv[2]):.6f}", flush=True)
    pilot.app.exit()


def _breakwell() -> Any:
    import os

    from breakwell.services import build_services
    from breakwell.settings import load_settings
    from breakwell.tui.app import BreakwellApp

    settings = load_settings(os.environ)
    return BreakwellApp(build_services(settings), settings)


def _bare() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        # Nothing to load: what it shows is there once it has drawn.
        launched = True

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    return Bare()


if __name__ == "__main__":
    app = _breakwell() if sys.argv[1] == "breakwell" else _bare()
    app.run(headless=True, size=SIZE, auto_pilot=_until_ready)

"""Run in a child process: open an app headless and print how long after the process began it
drew its first frame, showed its first screen's data, and finished its launch, in seconds, on
one line:

    python bench/first_screen.py breakwell|bare START
    0.412345 0.501234 1.201234

START is the parent's time.time() just before it started this process, so both figures include
the interpreter starting and every import, as a person launching the app would wait for them.
The first frame is Textual's `Ready` event, sent once the first frame has been drawn.
"`breakwell`" is the real app on the journal in BREAKWELL_HOME, made as the command line makes
it (its settings, a way to build its services, a glance to read first), taking over
enforcement as a launch does. Its data is shown once the Now screen has drawn its status, its
latest entries and its commitments (`NowShown`); its launch is over once the Now screen shows
a status read after the takeover and every load the launch started (services, settling,
status, latest entries, commitments) is done. "bare" is a Textual app with a header, one line
of text and a footer: its data, and its launch, are its first frame.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from breakwell.services import Services

SIZE = (120, 40)
# Between looks while nothing is running: a message on its way, not yet handled.
IDLE_LOOK = 0.002


class FirstPaint:
    """Put before the app's class: keeps when its first frame was drawn, and when its first
    screen's data was. Textual calls the handlers of every class in the app's lineage, so
    the app's own still run."""

    painted_at: float | None = None
    shown_at: float | None = None

    def on_ready(self) -> None:
        self.painted_at = time.time()

    def on_now_shown(self, _: object) -> None:
        self.shown_at = time.time()


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
    start = float(sys.argv[2])
    await until_launched(pilot)
    app = pilot.app
    while app.painted_at is None:
        await asyncio.sleep(IDLE_LOOK)
    launched = time.time()
    shown = app.shown_at if app.shown_at is not None else app.painted_at
    print(f"{app.painted_at - start:.6f} {shown - start:.6f} {launched - start:.6f}", flush=True)
    app.exit()


def _breakwell() -> Any:
    from breakwell.tui import collector

    # As `run_app` does before it imports the app.
    collector.pause()
    import inspect
    from pathlib import Path

    from breakwell.cli.context import CliContext
    from breakwell.cli.glance import glance_reader
    from breakwell.tui.app import BreakwellApp

    class Timed(FirstPaint, BreakwellApp):
        # Textual finds a relative stylesheet beside the class that runs: this one is here.
        CSS_PATH = str(Path(inspect.getfile(BreakwellApp)).with_name(str(BreakwellApp.CSS_PATH)))

    cli = CliContext()

    def build(announce: Callable[[str], None]) -> Services:
        cli.announce = announce
        return cli.services

    return Timed(build, cli.settings, glance=glance_reader(cli), clock=cli.clock)


def _bare() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(FirstPaint, App[None]):
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

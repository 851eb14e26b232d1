"""Run in a child process: open an app headless and print how long after the process began its
first screen was ready, in seconds.

    python bench/first_screen.py breakwell|bare START

START is the parent's time.time() just before it started this process, so the figure includes
the interpreter starting and every import, as a person launching the app would wait for them.
"`breakwell`" is the real app on the journal in BREAKWELL_HOME, taking over enforcement as a
launch does, ready once its workers (status, latest entries, commitments, enforcement) are done;
"bare" is a Textual app with a header, one line of text and a footer.
"""

from __future__ import annotations

import sys
import time
from typing import Any

SIZE = (120, 40)


async def _until_ready(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
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
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    return Bare()


if __name__ == "__main__":
    app = _breakwell() if sys.argv[1] == "breakwell" else _bare()
    app.run(headless=True, size=SIZE, auto_pilot=_until_ready)

"""The Textual app. Imported only when the app opens, so commands stay fast."""

from __future__ import annotations

import contextlib
import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING

from breakwell.domain.errors import InvalidInput

if TYPE_CHECKING:
    from breakwell.domain.clock import Clock
    from breakwell.services import Services
    from breakwell.settings import Settings
    from breakwell.tui.app import BreakwellApp, GlanceReader, ServicesBuild


def run_app(
    services: Services | ServicesBuild,
    settings: Settings,
    *,
    glance: GlanceReader | None = None,
    clock: Clock | None = None,
) -> None:
    """`services` ready-made, or a function that builds them: the app calls it once, in a
    thread, after its first frame is drawn, having first read what the Now screen shows with
    `glance` on `clock`, if given. The function is given a callable to tell of a long wait
    (an upgrade of the journal), which the app then says on screen."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Under cron or in a pipe the app would wait forever for keys nobody can press.
        raise InvalidInput("the app needs a terminal; for scripts use a command such as status")
    from breakwell.tui import collector

    collector.pause()
    try:
        app = _opened(services, settings, glance, clock)
    finally:
        collector.resume()
    if app.failure is not None:
        raise app.failure
    if app.farewell:
        with contextlib.suppress(OSError):  # no terminal left to say it on
            print(app.farewell)


def _opened(
    services: Services | ServicesBuild,
    settings: Settings,
    glance: GlanceReader | None,
    clock: Clock | None,
) -> BreakwellApp:
    """The app, run until it closes."""
    from breakwell.settings.logfile import log_to_file
    from breakwell.tui.app import BreakwellApp

    log_to_file(settings.paths.log_file)
    app = BreakwellApp(services, settings, glance=glance, clock=clock)

    def hang_up(_signum: int, _frame: FrameType | None) -> None:
        # The terminal went away, or the app was told to stop: leave as quitting does, so a
        # running break is handed to the background enforcer (and the terminal given back)
        # instead of dying with the app.
        app.exit()

    before = {signum: signal.signal(signum, hang_up) for signum in (signal.SIGHUP, signal.SIGTERM)}
    try:
        app.run()
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    return app

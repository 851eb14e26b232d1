"""The Textual app. Imported only when the app opens, so commands stay fast."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from breakwell.domain.errors import InvalidInput

if TYPE_CHECKING:
    from breakwell.services import Services


def run_app(services: Services) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Under cron or in a pipe the app would wait forever for keys nobody can press.
        raise InvalidInput("the app needs a terminal; for scripts use a command such as status")
    from breakwell.settings.logfile import log_to_file
    from breakwell.tui.app import BreakwellApp

    log_to_file(services.settings.paths.log_file)
    app = BreakwellApp(services)
    app.run()
    if app.farewell:
        print(app.farewell)

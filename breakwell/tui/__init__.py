"""The Textual app. Imported only when the app opens, so commands stay fast."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from breakwell.services import Services


def run_app(services: Services) -> None:
    from breakwell.tui.app import BreakwellApp

    BreakwellApp(services).run()

"""Waiting for the app the way a person would: until its workers are done and it has redrawn."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Label

from breakwell.services import Services
from breakwell.tui.app import BreakwellApp
from tests.journal import settings_of
from tests.tui.tour import settle

__all__ = ["Refusals", "new_app", "settle", "text_of", "type_text"]


def text_of(app: BreakwellApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).content)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type into whatever has focus, one key at a time, as a person would."""
    await pilot.press(*("space" if ch == " " else ch for ch in text))


def new_app(
    services: Services, *, enforce: bool = False, offer_reflections: bool = True
) -> BreakwellApp:
    return BreakwellApp(
        services, settings_of(services), enforce=enforce, offer_reflections=offer_reflections
    )


class Refusals:
    """A message hook that keeps what the app refused, in the words shown to the person."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, message: object) -> None:
        from breakwell.tui.messages import TaskFailed

        if isinstance(message, TaskFailed):
            self.texts.append(message.text)

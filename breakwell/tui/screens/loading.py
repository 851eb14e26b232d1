"""What the app shows for the moment before its services are built: the Now screen's frame."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Label

from breakwell.tui.base import NavBar


class LoadingScreen(Screen[None]):
    """Drawn first, from Textual alone, so the first frame waits for no database code; the
    Now screen replaces it once the services are built."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("now")
        yield Label("Loading…", id="loading")
        yield Footer()

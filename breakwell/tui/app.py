"""The breakwell app: for now, the Now screen with the running break and its countdown."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Footer, Header

from breakwell.services import Services
from breakwell.services.views import Status
from breakwell.tui.now import NowPanel


class StatusLoaded(Message):
    """A fresh status read from the database, posted by the loading worker."""

    def __init__(self, status: Status) -> None:
        super().__init__()
        self.status = status


class BreakwellApp(App[None]):
    CSS_PATH = "breakwell.tcss"
    TITLE = "breakwell"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Close the app; breaks keep running."),
        Binding("r", "reload", "Reload", id="reload", tooltip="Read the latest from the journal."),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        yield Header()
        yield NowPanel(self.services.clock, self.services.settings.catalogue)
        yield Footer()

    def on_mount(self) -> None:
        self.load_status()

    def action_reload(self) -> None:
        self.load_status()

    @work(thread=True, exclusive=True, group="status")
    def load_status(self) -> None:
        self.post_message(StatusLoaded(self.services.breaks.status()))

    def on_status_loaded(self, message: StatusLoaded) -> None:
        self.query_one(NowPanel).status = message.status

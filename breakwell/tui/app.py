"""The breakwell app: for now, the Now screen with the running break and its countdown."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Footer, Header

from breakwell.services import Services
from breakwell.services.views import Status
from breakwell.tui.enforcement import AppEnforcement, Role
from breakwell.tui.now import NowPanel


class StatusLoaded(Message):
    """A fresh status read from the database, posted by the loading worker."""

    def __init__(self, status: Status) -> None:
        super().__init__()
        self.status = status


class EngineNotice(Message):
    """Something the in-process engine wants to tell the person."""

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title, self.body = title, body


class EngineChanged(Message):
    """The in-process engine finished a pass; what it shows may be stale."""


class BreakwellApp(App[None]):
    CSS_PATH = "breakwell.tcss"
    TITLE = "breakwell"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Close the app; breaks keep running."),
        Binding("r", "reload", "Reload", id="reload", tooltip="Read the latest from the journal."),
    ]

    def __init__(self, services: Services, *, enforce: bool = True) -> None:
        super().__init__()
        self.services = services
        self.enforcement = AppEnforcement(services) if enforce else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield NowPanel(self.services.clock, self.services.settings.catalogue)
        yield Footer()

    def on_mount(self) -> None:
        self.load_status()
        if self.enforcement is not None:
            # The engine's scheduler lives on this loop; its jobs run in worker threads.
            self._event_loop = asyncio.get_running_loop()
            self.take_over_enforcement(self._event_loop)
            self.set_interval(2, self.check_for_changes)

    def on_unmount(self) -> None:
        if self.enforcement is not None:
            self.enforcement.close()

    @work(thread=True, exclusive=True, group="enforcement")
    def take_over_enforcement(self, loop: asyncio.AbstractEventLoop) -> None:
        assert self.enforcement is not None
        # The engine calls these from its own threads while holding its lock, so they must
        # not wait for the UI: post_message queues and returns (call_from_thread would block,
        # and the UI closing the engine would then wait on that lock forever).
        role = self.enforcement.take_over(
            loop, toast=self._engine_notice, changed=self._engine_pass
        )
        self.call_from_thread(self._enforcement_ready, role)

    def _engine_notice(self, title: str, body: str) -> None:
        self.post_message(EngineNotice(title, body))

    def _engine_pass(self) -> None:
        self.post_message(EngineChanged())

    def _enforcement_ready(self, role: Role) -> None:
        assert self.enforcement is not None
        self.enforcement.start_scheduler()
        self.sub_title = role.value

    def on_engine_notice(self, message: EngineNotice) -> None:
        self.notify(message.body, title=message.title)

    def on_engine_changed(self, _: EngineChanged) -> None:
        self.load_status()

    @work(thread=True, exclusive=True, group="changes")
    def check_for_changes(self) -> None:
        enforcement = self.enforcement
        if enforcement is None or enforcement.role is not Role.WATCHING:
            return
        if enforcement.daemon_gone():
            # The daemon stopped: take over here rather than leave breaks unenforced.
            self.call_from_thread(self.take_over_enforcement, self._event_loop)
        elif enforcement.changed_elsewhere():
            self.post_message(StatusLoaded(self.services.breaks.status()))

    def action_reload(self) -> None:
        self.load_status()

    @work(thread=True, exclusive=True, group="status")
    def load_status(self) -> None:
        self.post_message(StatusLoaded(self.services.breaks.status()))

    def on_status_loaded(self, message: StatusLoaded) -> None:
        self.query_one(NowPanel).status = message.status

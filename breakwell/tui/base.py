"""What every main screen shares: header, a bar to move between screens, the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from breakwell.tui.host import Host
from breakwell.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from breakwell.services import Services

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("now", "1", "Now"),
    ("journal", "2", "Journal"),
    ("plan", "3", "Plan"),
    ("review", "4", "Review"),
    ("people", "5", "People"),
)


def built(services: Services | None) -> Services:
    """The services, once they are built: asking before is a mistake in the app."""
    if services is None:
        raise RuntimeError("the services are not built yet")
    return services


class NavBar(Horizontal):
    """The sections, clickable, with the current one marked."""

    def __init__(self, current: str) -> None:
        super().__init__(id="nav")
        self._current = current

    def compose(self) -> ComposeResult:
        for mode, key, title in SECTIONS:
            link = Content.from_markup(f"[@click=app.switch_mode('{mode}')] {key} {title} [/]")
            yield Static(link, classes="section -current" if mode == self._current else "section")
        yield Static("", id="role")

    def on_mount(self) -> None:
        self.watch(self.app, "role_text", self._show_role)

    def _show_role(self, text: str) -> None:
        self.query_one("#role", Static).update(text)


class SectionScreen(Screen[None]):
    """A main screen. Subclasses compose the body and reload when the journal changes.

    Like every dialog, it is given the services it reads when it is made; the app it runs in
    (`bw`) is asked only for what the app itself holds. The Now screen alone may be made
    before the services are built, and is given them with `attach` once they are."""

    SECTION: ClassVar[str] = ""

    def __init__(self, services: Services | None) -> None:
        super().__init__()
        self._services = services

    @property
    def services(self) -> Services:
        return built(self._services)

    @property
    def ready(self) -> bool:
        """Whether the services are here: until then, nothing can be read or changed."""
        return self._services is not None

    def attach(self, services: Services) -> None:
        """The services, built after the screen was made: it reads through them from now on."""
        self._services = services
        if self.is_mounted:
            self.reload()

    @property
    def bw(self) -> Host:
        return cast(Host, self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar(self.SECTION)
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.bw.data_changed.subscribe(self, self._on_data_changed)
        if self.ready:
            self.reload()

    def _on_data_changed(self, _: None) -> None:
        if self.ready:
            self.reload()

    def reload(self) -> None:
        """Read what the screen shows, in a worker; the default shows only the app's status."""

"""The Now panel: what is happening, with a countdown that ticks without touching the database."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Label

from breakwell.domain.clock import Clock
from breakwell.domain.platforms import Catalogue
from breakwell.domain.timefmt import describe_moment
from breakwell.services.views import Status


def countdown(seconds: float) -> str:
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


class NowPanel(Vertical):
    status: reactive[Status | None] = reactive(None, always_update=True)

    def __init__(self, clock: Clock, catalogue: Catalogue) -> None:
        super().__init__(id="now")
        self._clock = clock
        self._catalogue = catalogue

    def compose(self) -> ComposeResult:
        yield Label("Loading…", id="headline")
        yield Digits("", id="countdown")
        yield Label("", id="detail")
        yield Label("", id="intention")

    def on_mount(self) -> None:
        self.set_interval(1, self.refresh_countdown)

    def watch_status(self, status: Status | None) -> None:
        if status is None:
            return
        active = status.active
        headline = self.query_one("#headline", Label)
        detail = self.query_one("#detail", Label)
        self.query_one("#countdown").display = active is not None
        if active is None:
            headline.update("No break is running")
            detail.update("Start one from your shell:  breakwell start 2h --platform x")
            self.query_one("#intention", Label).update("")
            return
        names = [self.platform_name(platform_id) for platform_id in active.platforms]
        headline.update("On a break from " + ", ".join(names))
        until = describe_moment(active.ends_at, status.now)
        detail.update(f"until {until} · {active.strictness.value} · {active.mode.value}")
        self.query_one("#intention", Label).update(active.intention)
        self.refresh_countdown()

    def platform_name(self, platform_id: str) -> str:
        platform = self._catalogue.get(platform_id)
        return platform.name if platform else platform_id

    def refresh_countdown(self) -> None:
        """Recompute the countdown from the clock; runs every second."""
        status = self.status
        if status is None or status.active is None:
            return
        left = (status.active.ends_at - self._clock.now()).total_seconds()
        self.query_one("#countdown", Digits).update(countdown(left))

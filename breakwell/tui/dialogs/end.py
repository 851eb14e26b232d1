"""Ending a break early, as its strictness allows: at once, after a cool-down, or not at all."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from breakwell.domain.break_kinds import Strictness
from breakwell.domain.breaks import Break
from breakwell.domain.durations import format_duration
from breakwell.domain.events import EventKind
from breakwell.domain.timefmt import describe_moment
from breakwell.services import Services
from breakwell.services.views import StopOutcome
from breakwell.tui.dialog import Dialog
from breakwell.tui.host import Host
from breakwell.tui.tasks import run_task


class EndScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", "Keep going", id="end.keep", tooltip="Keep the break running."),
    ]

    def __init__(self, services: Services, item: Break) -> None:
        super().__init__()
        self.services = services
        self.item = item
        policy = services.preferences.end_policy
        now = services.clock.now()
        self.ready_at: datetime | None = (
            item.end_ready_at(policy) if item.end_request_pending(now, policy) else None
        )

    def compose(self) -> ComposeResult:
        now = self.services.clock.now()
        until = describe_moment(self.item.ends_at, now)
        strictness = self.item.strictness
        with Vertical(id="dialog", classes="narrow-dialog") as dialog:
            dialog.border_title = f"End {self.item.label} early?"
            if strictness is Strictness.LOCKED:
                yield Label(
                    f"{self.item.label.capitalize()} is locked: it cannot be ended early or "
                    f"shortened, only extended. It ends {until}.",
                    id="end-explain",
                )
                yield Label(
                    "You chose this so that this moment would pass. It will.", classes="hint"
                )
                with Horizontal(classes="buttons"):
                    yield Button("Keep going", id="keep", variant="primary")
                    yield Button("Extend instead", id="extend")
                return
            if strictness is Strictness.FIRM:
                cooldown = format_duration(self.services.preferences.end_policy.firm_cooldown)
                explain = (
                    f"It is firm and runs until {until}. Say why you want to stop; then wait out "
                    f"a cool-down of {cooldown} before it can end."
                )
            else:
                explain = f"It runs until {until}. You can end it now; a reason helps later."
            yield Label(explain, id="end-explain")
            yield Input(placeholder="Why stop now?", id="reason")
            yield Label("", id="cooldown")
            with Horizontal(classes="buttons"):
                yield Button("Keep going", id="keep")
                if strictness is Strictness.FIRM:
                    yield Button("Ask to end", id="ask", variant="warning")
                yield Button("End now", id="end", variant="error")

    def on_mount(self) -> None:
        first = self.query("Input")
        if first:
            first.first().focus()
        if self.item.strictness is Strictness.FIRM:
            self.set_interval(1, self.refresh_cooldown)
            self.refresh_cooldown()

    def refresh_cooldown(self) -> None:
        """Count the cool-down down from the clock; the end button waits for it."""
        if not self.is_attached or self.item.strictness is not Strictness.FIRM:
            return
        end_button = self.query_one("#end", Button)
        label = self.query_one("#cooldown", Label)
        ask = self.query_one("#ask", Button)
        if self.ready_at is None:
            end_button.display, ask.display = False, True
            label.update("")
            return
        ask.display, end_button.display = False, True
        self.query_one("#reason", Input).display = False
        left = (self.ready_at - self.services.clock.now()).total_seconds()
        was_disabled = end_button.disabled
        if left > 0:
            label.update(f"Cooling down: you can end it in {minutes_and_seconds(left)}.")
            end_button.disabled = True
        else:
            label.update("The cool-down is over. End it now if you still want to.")
            end_button.disabled = False
        # The hidden reason field had the focus: Enter goes to what can be pressed now, to
        # keep going while it cools down and, once, to ending when it may.
        if end_button.disabled:
            if self.focused is None or not self.focused.display:
                self.query_one("#keep", Button).focus()
        elif was_disabled or self.focused is None or not self.focused.display:
            end_button.focus()

    def _reason(self) -> str | None:
        found = self.query("#reason")
        return found.first(Input).value.strip() or None if found else None

    @on(Button.Pressed, "#ask")
    @on(Input.Submitted, "#reason")
    def _ask(self) -> None:
        if self.item.strictness is Strictness.FIRM and self.ready_at is None:
            reason = self._reason()
            run_task(
                self.app,
                lambda: self.services.breaks.stop(reason, self.item.id),
                self._asked,
                name="end-ask",
                writes=True,
            )
        elif self.item.strictness is Strictness.GENTLE:
            self._end()

    def _asked(self, outcome: StopOutcome) -> None:
        if outcome.ended:
            self._ended(outcome)
            return
        self.ready_at = outcome.ready_at
        self.refresh_cooldown()

    @on(Button.Pressed, "#end")
    def _end(self) -> None:
        reason = self._reason() if self.ready_at is None else None
        run_task(
            self.app,
            lambda: self.services.breaks.stop(reason, self.item.id),
            self._ended,
            name="end-now",
            writes=True,
        )

    def _ended(self, outcome: StopOutcome) -> None:
        if not outcome.ended:
            return
        cast(Host, self.app).told(EventKind.BREAK_ENDED_EARLY, outcome.item)
        self.app.notify(f"{outcome.item.label.capitalize()} ended early.", title="Break ended")
        if self.is_attached:
            self.dismiss()

    @on(Button.Pressed, "#extend")
    def _extend(self) -> None:
        self.dismiss()
        cast(Host, self.app).action_extend()

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss()


def minutes_and_seconds(seconds: float) -> str:
    whole = int(seconds + 0.999)
    return f"{whole // 60}:{whole % 60:02d}"

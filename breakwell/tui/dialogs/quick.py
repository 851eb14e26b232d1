"""Small dialogs for the things done mid-break: an observation, a slip, a longer break."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, TextArea

from breakwell.domain.breaks import Break
from breakwell.domain.durations import format_duration, parse_duration
from breakwell.domain.entries import Entry
from breakwell.domain.errors import BreakwellError
from breakwell.domain.events import EventKind
from breakwell.domain.status import Status
from breakwell.domain.timefmt import describe_moment
from breakwell.services import Services
from breakwell.tui.dialog import Dialog
from breakwell.tui.host import Host
from breakwell.tui.tasks import run_task
from breakwell.tui.text import link_text
from breakwell.tui.widgets.fields import platform_select, selected, show_problem

if TYPE_CHECKING:
    from breakwell.services.journal import Edited

_CLOSE = Binding("escape", "close", "Close", id="dialog.close", tooltip="Close without saving.")


class _Dialog(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [_CLOSE]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def action_close(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()

    def finish(self, message: str, title: str) -> None:
        self.app.notify(message, title=title)
        if self.is_attached:
            self.dismiss()


class ObserveScreen(_Dialog):
    """Writing an entry; given one already written, rewording it (its words only: where
    and when it was written stay)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _CLOSE,
        Binding("ctrl+s", "save", "Save", id="entry.save", tooltip="Save the entry."),
    ]

    def __init__(
        self, services: Services, status: Status | None, *, entry: Entry | None = None
    ) -> None:
        super().__init__(services)
        self.status = status
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(id="dialog", classes="narrow-dialog") as dialog:
            if entry is None:
                dialog.border_title = "What did you notice?"
                yield TextArea(id="observation", soft_wrap=True)
                yield Label(link_text(self.status), classes="hint")
                yield platform_select(self.services.preferences.catalogue, "observe-platform")
            else:
                dialog.border_title = f"Edit entry #{entry.id}"
                yield TextArea(entry.text, id="observation", soft_wrap=True)
                yield Label(edit_hint(entry, self.services.clock.now()), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Close", id="close")
                yield Button("Save", id="save", variant="primary")

    def unsaved_writing(self) -> str | None:
        written = self.query_one("#observation", TextArea).text
        if self.entry is not None:
            changed = written.strip() != self.entry.text
            return f"your edit of entry #{self.entry.id}" if changed else None
        return "the note you are writing" if written.strip() else None

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#observation", TextArea).text
        entry = self.entry
        if entry is not None and entry.id is not None:
            entry_id = entry.id
            run_task(
                self.app,
                lambda: self.services.journal.edit(entry_id, text),
                self._edited,
                name="edit-entry",
                writes=True,
            )
            return
        platform = selected(self.query_one("#observe-platform", Select))
        run_task(
            self.app,
            lambda: self.services.journal.write(text, platform=platform),
            self._saved,
            name="observe",
            writes=True,
        )

    def _saved(self, entry: Entry) -> None:
        self.finish(f"Saved as entry #{entry.id} ({entry.kind.value}).", "Saved")

    def _edited(self, done: Edited) -> None:
        if done.changed:
            self.finish(f"Entry #{done.entry.id} now reads as you edited it.", "Edited")
        else:
            self.finish(f"Entry #{done.entry.id} is unchanged; nothing was saved.", "Unchanged")


def edit_hint(entry: Entry, now: datetime) -> str:
    written = f"{entry.kind.value}, written {describe_moment(entry.created_at, now)}"
    if entry.edited_at is not None:
        written += f", edited {describe_moment(entry.edited_at, now)}"
    return f"{written}. Its #tags and @people are read again from the new words."


class SlipScreen(_Dialog):
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="narrow-dialog") as dialog:
            dialog.border_title = "Log a slip"
            yield Label(
                "Giving in happens. Logging it honestly is the point; nothing is punished.",
                classes="hint",
            )
            yield Input(placeholder="What happened? (optional)", id="slip-text")
            yield platform_select(self.services.preferences.catalogue, "slip-platform")
            with Horizontal(classes="buttons"):
                yield Button("Close", id="close")
                yield Button("Log it", id="log", variant="primary")

    def _logged(self) -> None:
        cast(Host, self.app).told(EventKind.SLIP_LOGGED)
        self.finish("The slip is logged. The break goes on.", "Slip")

    @on(Button.Pressed, "#log")
    @on(Input.Submitted, "#slip-text")
    def _log(self) -> None:
        text = self.query_one("#slip-text", Input).value
        platform = selected(self.query_one("#slip-platform", Select))
        run_task(
            self.app,
            lambda: self.services.journal.slip(text, platform),
            lambda _: self._logged(),
            name="slip",
            writes=True,
        )


class ExtendScreen(_Dialog):
    def __init__(self, services: Services, item: Break) -> None:
        super().__init__(services)
        self.item = item

    def compose(self) -> ComposeResult:
        now = self.services.clock.now()
        with Vertical(id="dialog", classes="narrow-dialog") as dialog:
            dialog.border_title = f"Extend {self.item.label}"
            yield Label(f"It runs until {describe_moment(self.item.ends_at, now)}. Add:")
            yield Input(placeholder="30m, 2h, 1d", id="by")
            yield Label("", id="extend-problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button("Close", id="close")
                yield Button("Extend", id="extend", variant="primary")

    def _by(self) -> timedelta | None:
        problem = self.query_one("#extend-problem", Label)
        try:
            by = parse_duration(self.query_one("#by", Input).value)
        except BreakwellError as error:
            show_problem(problem, str(error), error=True)
            return None
        now = self.services.clock.now()
        show_problem(problem, f"until {describe_moment(self.item.ends_at + by, now)}", error=False)
        return by

    @on(Input.Changed, "#by")
    def _check(self) -> None:
        self._by()

    @on(Button.Pressed, "#extend")
    @on(Input.Submitted, "#by")
    def _extend(self) -> None:
        by = self._by()
        if by is None:
            return
        run_task(
            self.app,
            lambda: self.services.breaks.extend(by, self.item.id),
            self._done,
            name="extend",
            writes=True,
        )

    def _done(self, item: Break) -> None:
        now = self.services.clock.now()
        self.finish(
            f"{item.label.capitalize()} now runs until {describe_moment(item.ends_at, now)} "
            f"({format_duration(item.planned_length)} in all).",
            "Extended",
        )

"""One journal entry in full."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from breakwell.domain.entries import Entry
from breakwell.domain.timefmt import describe_moment
from breakwell.services import Services
from breakwell.tui.dialog import Dialog


class EntryScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close", id="entry.close", tooltip="Back to the list."),
    ]

    def __init__(self, services: Services, entry: Entry) -> None:
        super().__init__()
        self.services = services
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        now = self.services.clock.now()
        facts = [entry.kind.value, describe_moment(entry.created_at, now)]
        if entry.break_id is not None:
            facts.append(f"break #{entry.break_id}")
        if entry.platform:
            facts.append(self.services.preferences.catalogue.name_of(entry.platform))
        with Vertical(id="dialog", classes="narrow-dialog") as dialog:
            dialog.border_title = f"Entry #{entry.id}"
            yield Label(" · ".join(facts), classes="hint")
            with VerticalScroll(id="entry-text"):
                yield Static(entry.text, markup=False)
            if entry.tags or entry.people:
                marks = [f"#{t}" for t in entry.tags] + [f"@{p}" for p in entry.people]
                yield Label(" ".join(marks), classes="marks")

    def action_close(self) -> None:
        self.dismiss()

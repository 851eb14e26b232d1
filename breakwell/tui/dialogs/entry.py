"""One journal entry in full; from it, the entry can be edited or deleted."""

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
from breakwell.tui.text import plain

# What the person chose to do next with the entry, for the screen that opened it.
EDIT = "edit"
DELETE = "delete"


class EntryScreen(Dialog[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close", id="entry.close", tooltip="Back to the list."),
        Binding("e", "choose('edit')", "Edit", id="journal.edit", tooltip="Reword this entry."),
        Binding(
            "d", "choose('delete')", "Delete", id="journal.delete", tooltip="Delete this entry."
        ),
    ]

    def __init__(self, services: Services, entry: Entry, *, changeable: bool = True) -> None:
        super().__init__()
        self.services = services
        self.entry = entry
        # Opened from where its answer is not acted on (People), edit and delete are not offered.
        self._changeable = changeable

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return self._changeable
        return True

    def compose(self) -> ComposeResult:
        entry = self.entry
        now = self.services.clock.now()
        facts = [entry.kind.value, describe_moment(entry.created_at, now)]
        if entry.break_id is not None:
            facts.append(f"break #{entry.break_id}")
        if entry.platform:
            facts.append(self.services.preferences.catalogue.name_of(entry.platform))
        if entry.edited_at is not None:
            facts.append(f"edited {describe_moment(entry.edited_at, now)}")
        with Vertical(id="dialog", classes="narrow-dialog") as dialog:
            dialog.border_title = f"Entry #{entry.id}"
            yield Label(plain(" · ".join(facts)), classes="hint")
            with VerticalScroll(id="entry-text"):
                yield Static(entry.text, markup=False)
            if entry.tags or entry.people:
                marks = [f"#{t}" for t in entry.tags] + [f"@{p}" for p in entry.people]
                yield Label(plain(" ".join(marks)), classes="marks")

    def action_close(self) -> None:
        self.dismiss()

    def action_choose(self, what: str) -> None:
        self.dismiss(what)

"""Saying in one line why a person you write about matters to you."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from breakwell.domain.errors import BreakwellError
from breakwell.domain.people import MAX_WHY, Person, check_why
from breakwell.services import Services
from breakwell.tui.dialog import Dialog
from breakwell.tui.tasks import run_task
from breakwell.tui.widgets.fields import show_problem

WHY_HINT = "Who gives and who respects, in your own words; no one else sees it."


class WhyForm(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Cancel", id="dialog.close", tooltip="Close without saving."),
        Binding("ctrl+s", "save", "Save", id="why.save", tooltip="Keep the line."),
    ]

    def __init__(self, services: Services, person: Person) -> None:
        super().__init__()
        self.services = services
        self.person = person
        # An empty line is only called wrong once something was typed or saving was tried.
        self._begun = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="narrow-dialog") as dialog:
            dialog.border_title = f"Why @{self.person.name} matters to you"
            yield Label(WHY_HINT, classes="hint")
            yield Input(
                self.person.why,
                placeholder="gives more than she takes",
                max_length=MAX_WHY,
                id="why",
            )
            yield Label("", id="why-problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Clear", id="clear", disabled=not self.person.why)
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#why", Input).focus()

    def checked(self) -> str | None:
        """The line as it would be kept, or None with the reason shown under it."""
        problem = self.query_one("#why-problem", Label)
        try:
            line = check_why(self.query_one("#why", Input).value)
        except BreakwellError as error:
            show_problem(problem, str(error), error=True)
            return None
        show_problem(problem, "", error=False)
        return line

    @on(Input.Changed, "#why")
    def _changed(self) -> None:
        self._begun = self._begun or bool(self.query_one("#why", Input).value)
        if self._begun:
            self.checked()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted, "#why")
    def action_save(self) -> None:
        self._begun = True
        line = self.checked()
        if line is not None:
            self._write(line)

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self._write(None)

    def _write(self, line: str | None) -> None:
        people, name = self.services.people, self.person.name

        def write() -> Person:
            return people.clear_why(name) if line is None else people.set_why(name, line)

        run_task(self.app, write, self._saved, name="why-save", writes=True)

    def _saved(self, person: Person) -> None:
        said = f"Kept for @{person.name}." if person.why else f"No line kept for @{person.name}."
        self.app.notify(said, title="Why they matter")
        if self.is_attached:
            self.dismiss()

    @on(Button.Pressed, "#cancel")
    def action_close(self) -> None:
        self.dismiss()

"""Asking before something that cannot be undone."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from breakwell.tui.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "No", id="confirm.no", tooltip="Leave it as it is."),
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Go ahead."),
    ]

    def __init__(self, title: str, question: str, yes: str) -> None:
        super().__init__()
        self._title, self._question, self._yes = title, question, yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="narrow-dialog") as dialog:
            dialog.border_title = self._title
            # Questions quote what the person wrote: never read as markup.
            yield Label(self._question, markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Keep it", id="no")
                yield Button(self._yes, id="yes", variant="error")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

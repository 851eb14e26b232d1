"""What every dialog shares: centred over the screen it came from, with its own keys shown."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from breakwell.tui.widgets.footer import Footer

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    def __init__(self) -> None:
        super().__init__(classes="form-screen")

    def on_mount(self) -> None:
        # Textual calls this as well as a subclass's own on_mount.
        self.mount(Footer())

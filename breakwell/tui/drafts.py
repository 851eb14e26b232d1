"""Writing not yet saved, wherever it is: quitting asks before it is lost."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.app import App

from breakwell.tui.base import SECTIONS


@runtime_checkable
class HoldsWriting(Protocol):
    def unsaved_writing(self) -> str | None:
        """What is written and not saved, named for the person ("the entry in the Journal"),
        or None when nothing is."""
        ...


def unsaved_writing(app: App[None]) -> str | None:
    """The first unsaved writing on any screen, open or left in another section."""
    for mode, _, _ in SECTIONS:
        try:
            stack = app.get_screen_stack(mode)
        except KeyError:
            continue  # a section never opened holds nothing
        for screen in reversed(stack):
            if isinstance(screen, HoldsWriting):
                found = screen.unsaved_writing()
                if found is not None:
                    return found
    return None

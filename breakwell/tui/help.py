"""The help screen: what breakwell is for, and the keys that work where `?` was pressed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

GUIDE = """\
**breakwell** plans breaks from social media, keeps you to them, and keeps a journal of what
you notice while you are away.

- **Now** (1): the running break, what is coming, what waits for your reflection.
- **Journal** (2): write observations; search and filter everything you wrote.
- **Plan** (3): recurring breaks, such as every Sunday or weeknights.
- **Review** (4): past breaks, trends, and what you learned.

Breaks keep running when the app closes. `ctrl+p` finds any action by name.
"""


def key_table(screen: Screen[object]) -> str:
    rows = ["| Key | Does |", "|---|---|"]
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        what = binding.tooltip or binding.description
        if not what or binding.action in seen:
            continue
        seen.add(binding.action)
        shown = screen.app.get_key_display(binding)
        rows.append(f"| `{shown or key}` | {what} |")
    return "\n".join(rows)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close", tooltip="Close help."),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__(classes="form-screen")
        self._keys = key_table(under)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="tall") as dialog:
            dialog.border_title = "Help"
            with VerticalScroll():
                yield Markdown(GUIDE + "\n### Keys here\n\n" + self._keys, id="help-text")

    def action_close(self) -> None:
        self.dismiss()

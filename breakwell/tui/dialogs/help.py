"""The help screen: what breakwell is for, and the keys that work where `?` was pressed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from breakwell.tui.dialog import Dialog

GUIDE = """\
**breakwell** plans breaks from social media, keeps you to them, and keeps a journal of what
you notice while you are away.

- **Now** (1): the running break, what is coming, what waits for your reflection.
- **Journal** (2): write observations; search and filter everything you wrote.
- **Plan** (3): recurring breaks, such as every Sunday or weeknights.
- **Review** (4): past breaks, trends, and what you learned.

Breaks keep running when the app closes. `ctrl+p` finds any action by name.
"""


def key_label(shown: str) -> str:
    """Keys written one way throughout help, as the README writes them: `ctrl+r`, not `^r`."""
    if len(shown) > 1 and shown.startswith("^"):
        return "ctrl+" + shown[1:].lower()
    return shown


def key_table(screen: Screen[object]) -> str:
    """breakwell's own keys active on `screen` (those with an id), as they are mapped now."""
    rows = ["| Key | Does |", "|---|---|"]
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.id is None or binding.id in seen:
            continue
        seen.add(binding.id)
        shown = key_label(screen.app.get_key_display(binding) or key)
        rows.append(f"| `{shown}` | {binding.tooltip or binding.description} |")
    rows.append("| `ctrl+p` | Find any action by name. |")
    return "\n".join(rows)


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close", tooltip="Close help."),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self._keys = key_table(under)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="tall") as dialog:
            dialog.border_title = "Help"
            with VerticalScroll():
                yield Markdown(GUIDE + "\n### Keys here\n\n" + self._keys, id="help-text")

    def action_close(self) -> None:
        self.dismiss()

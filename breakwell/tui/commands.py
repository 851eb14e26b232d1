"""Every action of the app, findable by name in the command palette."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.app import App, SystemCommand

from breakwell.tui.base import SECTIONS

ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Start a break", "Choose how long, from what, and why", "start_break"),
    ("Write an observation", "Note what you noticed, linked to the running break", "observe"),
    ("Log a slip", "Record giving in during the running break", "slip"),
    ("Extend the break", "Make the running break longer", "extend"),
    ("End the break early", "As its strictness allows", "end_break"),
    ("Reflect on a break", "Answer the after-questions of a finished break", "reflect"),
    (
        "Your questions",
        "Add, reword, reorder and retire what is asked before and after a break",
        "questions",
    ),
    ("Reload", "Read the journal again", "reload"),
    ("Help", "What each screen and key does", "help"),
)


def breakwell_commands(app: App[None], add_plan: Callable[[], None]) -> Iterator[SystemCommand]:
    for title, help_text, action in ACTIONS:
        # Offered only where it applies, as the footer shows only keys that do something.
        if not app.check_action(action, ()):
            continue
        yield SystemCommand(title, help_text, partial(app.run_action, action))
    for mode, key, name in SECTIONS:
        yield SystemCommand(
            f"Go to {name}",
            f"Switch to the {name} screen (key {key})",
            partial(app.switch_mode, mode),
        )
    yield SystemCommand("Add a plan", "A recurring break, such as every Sunday", add_plan)
    yield SystemCommand(
        "Add a commitment",
        "A rule you set yourself, such as at most 1 political post a week",
        partial(app.run_action, "add_commitment"),
    )

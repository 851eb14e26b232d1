"""The arguments and options of the commands the front answers, declared once.

click builds these commands from here (cli/params.py `from_spec`), and the front (cli/front.py)
reads a command line by the same declarations, so both read a command line alike.
"""

# No `from __future__ import annotations`: NamedTuple would compile each field's annotation
# string at import, a cost every quick command would pay.
from typing import NamedTuple

from breakwell.cli.numbers import MAX_ID, MAX_LISTED


class Number(NamedTuple):
    """A whole number from `low` to `high`; with `noun`, refused as not being one."""

    low: int
    high: int
    noun: str | None = None


TEXT = "text"
FLAG = "flag"
KIND = "kind"  # an entry kind: observation, reflection, slip or note
ID = Number(1, MAX_ID, "an id")
MOOD = Number(1, 5)
LISTED = Number(1, MAX_LISTED)


class Option(NamedTuple):
    flags: tuple[str, ...]
    dest: str
    takes: Number | str
    help: str
    metavar: str | None = None
    multiple: bool = False
    default: object = None


class Argument(NamedTuple):
    name: str
    required: bool = True
    metavar: str | None = None
    takes: Number | str = TEXT


class Spec(NamedTuple):
    arguments: tuple[Argument, ...]
    options: tuple[Option, ...]


def limit(default: int) -> Option:
    return Option(
        ("--limit", "-n"),
        "limit",
        LISTED,
        f"How many to show, 1 to {MAX_LISTED}.",
        default=default,
    )


JSON = Option(("--json",), "as_json", FLAG, "Print JSON (a stable contract for scripts).")

NOTE = Spec(
    (Argument("text"),),
    (
        Option(("--platform", "-p"), "platform", TEXT, "The platform this is about.", "P"),
        Option(("--kind", "-k"), "kind", KIND, "observation, reflection, slip or note."),
        Option(("--mood",), "mood", MOOD, "How you feel, 1 (low) to 5 (good)."),
        Option(("--break",), "break_id", ID, "Link to this break.", "ID"),
        Option(("--no-break",), "no_break", FLAG, "Do not link to the running break."),
        JSON,
    ),
)

SEARCH = Spec(
    (Argument("query", required=False),),
    (
        Option(("--tag", "-t"), "tags", TEXT, "Has this #tag.", "TAG", multiple=True),
        Option(("--person",), "people", TEXT, "Mentions @NAME.", "NAME", multiple=True),
        Option(("--platform", "-p"), "platform", TEXT, "About this platform.", "P"),
        Option(("--kind", "-k"), "kind", KIND, "Only this kind of entry."),
        Option(("--break",), "break_id", ID, "Linked to this break.", "ID"),
        Option(
            ("--since",), "since", TEXT, "From this time on: 7d, yesterday, 2026-11-01.", "WHEN"
        ),
        Option(("--until",), "until", TEXT, "Before this time.", "WHEN"),
        limit(20),
        JSON,
    ),
)

HISTORY = Spec((), (limit(20), JSON))

STATUS = Spec((), (JSON,))
SHOW = Spec((Argument("break_id", metavar="ID", takes=ID),), (JSON,))
SLIP = Spec(
    (Argument("text", required=False),),
    (Option(("--platform", "-p"), "platform", TEXT, "Where you slipped.", "P"), JSON),
)
PATHS = Spec((), (JSON,))

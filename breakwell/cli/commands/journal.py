"""Commands that write to the journal and search it."""

from __future__ import annotations

from typing import Any

import click

from breakwell.cli import quick_specs as specs
from breakwell.cli.answers import journal as answers
from breakwell.cli.context import current
from breakwell.cli.params import NumberFriendlyCommand, from_spec


@click.command(cls=NumberFriendlyCommand)
@from_spec(specs.NOTE)
def note(**values: Any) -> None:
    """Write a journal entry; #tags and @people in it are picked up.

    TEXT '-' reads the entry from standard input. During a break the entry is an
    observation linked to it, otherwise a note.
    """
    answers.note(current(), **values)


@click.command(cls=NumberFriendlyCommand)
@from_spec(specs.SLIP)
def slip(**values: Any) -> None:
    """Log honestly that you gave in during the running break.

    A slip is not a failure: noticing it is the point.
    """
    answers.slip(current(), **values)


@click.command(cls=NumberFriendlyCommand)
@from_spec(specs.SEARCH)
def search(**values: Any) -> None:
    """Search the journal by words and filters, newest entries first.

    Without QUERY, list the newest entries that match the filters.
    """
    answers.search(current(), **values)

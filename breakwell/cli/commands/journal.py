"""Commands that write to the journal and search it."""

from __future__ import annotations

from typing import Any

import click

from breakwell.cli import quick_specs as specs
from breakwell.cli.answers import journal as answers
from breakwell.cli.answers.journal import read_text
from breakwell.cli.context import current
from breakwell.cli.params import NumberFriendlyCommand, from_spec, json_option
from breakwell.cli.render import emit_json, entry_json, picked_up
from breakwell.domain.entries import slip_entry


@click.command(cls=NumberFriendlyCommand)
@from_spec(specs.NOTE)
def note(**values: Any) -> None:
    """Write a journal entry; #tags and @people in it are picked up.

    TEXT '-' reads the entry from standard input. During a break the entry is an
    observation linked to it, otherwise a note.
    """
    answers.note(current(), **values)


@click.command(cls=NumberFriendlyCommand)
@click.argument("text", required=False)
@click.option("--platform", "-p", metavar="P", help="Where you slipped.")
@json_option
def slip(text: str | None, platform: str | None, as_json: bool) -> None:
    """Log honestly that you gave in during the running break.

    A slip is not a failure: noticing it is the point.
    """
    from breakwell.store import quick_journal

    cli = current()
    body = read_text(text) if text else None
    now = cli.clock.now()
    draft = slip_entry(now, body)
    found = cli.settings.catalogue.resolve(platform) if platform else None
    slipped = quick_journal.slip(cli.settings.database_url, now, draft, found, cli.settings.device)
    entry = slipped.entry if slipped else cli.services.journal.slip(body, platform)
    if as_json:
        emit_json({"entry": entry_json(entry) if entry else None})
        return
    words = picked_up(entry) if entry else ""
    click.echo(f"Slip logged.{words} Noticing it is the point; the break goes on.")


@click.command(cls=NumberFriendlyCommand)
@from_spec(specs.SEARCH)
def search(**values: Any) -> None:
    """Search the journal by words and filters, newest entries first.

    Without QUERY, list the newest entries that match the filters.
    """
    answers.search(current(), **values)

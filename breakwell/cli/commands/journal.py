"""Commands that write to the journal and search it."""

from __future__ import annotations

import sys

import click

from breakwell.cli.context import current
from breakwell.cli.params import (
    ID,
    NumberFriendlyCommand,
    WholeNumber,
    json_option,
    limit_option,
)
from breakwell.cli.render import emit_json, entry_block, entry_json, picked_up
from breakwell.domain.entries import EntryKind, EntryQuery, checked_query, new_entry, slip_entry
from breakwell.domain.errors import InvalidInput
from breakwell.domain.when import parse_when
from breakwell.store import quick, quick_journal

KIND = click.Choice([k.value for k in EntryKind])


def read_text(text: str) -> str:
    if text != "-":
        return text
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("standard input is not UTF-8 text") from None


@click.command(cls=NumberFriendlyCommand)
@click.argument("text")
@click.option("--platform", "-p", metavar="P", help="The platform this is about.")
@click.option("--kind", "-k", type=KIND, help="observation, reflection, slip or note.")
@click.option("--mood", type=WholeNumber(1, 5), help="How you feel, 1 (low) to 5 (good).")
@click.option("--break", "break_id", type=ID, metavar="ID", help="Link to this break.")
@click.option("--no-break", is_flag=True, help="Do not link to the running break.")
@json_option
def note(
    *,
    text: str,
    platform: str | None,
    kind: str | None,
    mood: int | None,
    break_id: int | None,
    no_break: bool,
    as_json: bool,
) -> None:
    """Write a journal entry; #tags and @people in it are picked up.

    TEXT '-' reads the entry from standard input. During a break the entry is an
    observation linked to it, otherwise a note.
    """
    if break_id is not None and no_break:
        raise InvalidInput("--break and --no-break contradict each other")
    cli = current()
    body = read_text(text)
    chosen = EntryKind(kind) if kind else None
    now = cli.clock.now()
    # Checked here as the services check it, so bad input is refused before any database.
    draft = new_entry(now, body, chosen or EntryKind.NOTE, mood=mood)
    found = cli.settings.catalogue.resolve(platform) if platform else None
    entry = quick_journal.note(
        cli.settings.database_url,
        now,
        draft,
        kind_given=chosen is not None,
        break_id=break_id,
        attach=not no_break,
        platform=found,
    )
    if entry is None:
        entry = cli.services.journal.write(
            body, kind=chosen, platform=platform, break_id=break_id, attach=not no_break, mood=mood
        )
    if as_json:
        emit_json(entry_json(entry))
        return
    linked = f", linked to break #{entry.break_id}" if entry.break_id else ""
    click.echo(f"Saved {entry.kind.value} #{entry.id}{linked}.{picked_up(entry)}")


@click.command(cls=NumberFriendlyCommand)
@click.argument("text", required=False)
@click.option("--platform", "-p", metavar="P", help="Where you slipped.")
@json_option
def slip(text: str | None, platform: str | None, as_json: bool) -> None:
    """Log honestly that you gave in during the running break.

    A slip is not a failure: noticing it is the point.
    """
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
@click.argument("query", required=False)
@click.option("--tag", "-t", "tags", multiple=True, metavar="TAG", help="Has this #tag.")
@click.option("--person", "people", multiple=True, metavar="NAME", help="Mentions @NAME.")
@click.option("--platform", "-p", metavar="P", help="About this platform.")
@click.option("--kind", "-k", type=KIND, help="Only this kind of entry.")
@click.option("--break", "break_id", type=ID, metavar="ID", help="Linked to this break.")
@click.option("--since", metavar="WHEN", help="From this time on: 7d, yesterday, 2026-11-01.")
@click.option("--until", metavar="WHEN", help="Before this time.")
@limit_option(20)
@json_option
def search(
    *,
    query: str | None,
    tags: tuple[str, ...],
    people: tuple[str, ...],
    platform: str | None,
    kind: str | None,
    break_id: int | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Search the journal by words and filters, newest entries first.

    Without QUERY, list the newest entries that match the filters.
    """
    cli = current()
    now = cli.clock.now()
    wanted = checked_query(
        EntryQuery(
            text=query,
            tags=tags,
            people=people,
            platform=platform,
            kind=EntryKind(kind) if kind else None,
            break_id=break_id,
            since=parse_when(since, now, past=True) if since else None,
            until=parse_when(until, now, past=True) if until else None,
            limit=limit,
        ),
        cli.settings.catalogue,
    )
    # Most searches are answered before the ORM would even have finished importing.
    found = quick.search(cli.settings.database_url, wanted)
    if found is None:
        found = cli.services.journal.search(wanted)
    if as_json:
        emit_json([entry_json(entry) for entry in found])
        return
    if not found:
        click.echo("No entries match.")
        return
    click.echo("\n\n".join(entry_block(entry, now) for entry in found))

"""What `note`, `slip` and `search` do, apart from how their command line is read.

click's commands (cli/commands/journal.py) and the front (cli/front.py) both call these, so a
command answers alike whichever read its arguments. Nothing here loads click.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from breakwell.cli.output import say
from breakwell.cli.render import emit_json, entry_block, entry_json, picked_up
from breakwell.domain.entries import EntryKind, EntryQuery, checked_query, new_entry
from breakwell.domain.errors import InvalidInput
from breakwell.store import quick

if TYPE_CHECKING:
    from breakwell.cli.context import CliContext


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


def note(
    cli: CliContext,
    *,
    text: str,
    platform: str | None,
    kind: str | None,
    mood: int | None,
    break_id: int | None,
    no_break: bool,
    as_json: bool,
) -> None:
    from breakwell.store import quick_journal  # search, the most run, never loads it

    if break_id is not None and no_break:
        raise InvalidInput("--break and --no-break contradict each other")
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
    say(f"Saved {entry.kind.value} #{entry.id}{linked}.{picked_up(entry)}")


def search(
    cli: CliContext,
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
    from breakwell.domain.when import parse_when

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
        say("No entries match.")
        return
    say("\n\n".join(entry_block(entry, now) for entry in found))


def slip(cli: CliContext, *, text: str | None, platform: str | None, as_json: bool) -> None:
    from breakwell.domain.entries import slip_entry
    from breakwell.store import quick_journal

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
    say(f"Slip logged.{words} Noticing it is the point; the break goes on.")

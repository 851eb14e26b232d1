"""Commands that change an entry once written: rewording it, or deleting it."""

from __future__ import annotations

import click

from breakwell.cli import ask
from breakwell.cli.answers.journal import read_text
from breakwell.cli.context import current
from breakwell.cli.params import ID, NumberFriendlyCommand, json_option
from breakwell.cli.render import emit_json, entry_block, entry_json
from breakwell.domain.entries import entry_text
from breakwell.domain.errors import InvalidInput


@click.command(cls=NumberFriendlyCommand)
@click.argument("entry_id", type=ID, metavar="ID")
# No short form: -t is search's --tag.
@click.option("--text", metavar="TEXT", help="The new text, without an editor ('-' reads stdin).")
@json_option
def edit(entry_id: int, text: str | None, as_json: bool) -> None:
    """Reword an entry in your editor, or with --text.

    Its #tags and @people are read again from the new text, and it shows as edited.
    """
    cli = current()
    if text is not None:
        # Checked here as the services check it, so bad input is refused before any database.
        written: str | None = entry_text(read_text(text))
    else:
        # An unknown id is refused before an editor opens.
        entry = cli.services.journal.get(entry_id)
        if not ask.interactive():
            raise InvalidInput("edit opens an editor on a terminal; pass --text TEXT")
        written = _from_editor(entry.text)
    journal = cli.services.journal
    done = journal.edit(entry_id, written) if written is not None else None
    entry = done.entry if done is not None else journal.get(entry_id)
    changed = done is not None and done.changed
    if as_json:
        emit_json({"changed": changed, "entry": entry_json(entry)})
        return
    if not changed:
        click.echo(f"Entry #{entry_id} is unchanged; nothing was saved.")
        return
    marks = [f"#{tag}" for tag in entry.tags] + [f"@{person}" for person in entry.people]
    found = f" Now with {', '.join(marks)}." if marks else ""
    click.echo(f"Edited entry #{entry_id}.{found}")


def _from_editor(text: str) -> str | None:
    """The text as saved in the editor; None when it closed without saving. Text the journal
    refuses is said, and offered back in the editor rather than lost."""
    while True:
        written = click.edit(text + "\n", extension=".md", require_save=True)
        if written is None:
            return None
        try:
            return entry_text(written)
        except InvalidInput as problem:
            again = f"{problem}; open the editor again with your text?"
            if not click.confirm(again, default=True, err=True):
                raise
            text = written.rstrip("\n")


@click.command(cls=NumberFriendlyCommand)
@click.argument("entry_id", type=ID, metavar="ID")
@click.option("--yes", "-y", is_flag=True, help="Delete without asking (for scripts).")
@json_option
def delete(entry_id: int, yes: bool, as_json: bool) -> None:
    """Delete entry ID with its tags and people, after asking.

    A slip it was the words of stays logged.
    """
    cli = current()
    journal = cli.services.journal
    entry = journal.get(entry_id)
    if not yes:
        if not ask.interactive():
            raise InvalidInput("delete asks first on a terminal; pass --yes to delete anyway")
        click.echo(entry_block(entry, cli.clock.now()), err=True)
        if not click.confirm(f"Delete entry #{entry_id}?", default=False, err=True):
            if as_json:
                emit_json({"deleted": None})
            else:
                click.echo(f"Kept entry #{entry_id}; nothing was deleted.")
            return
    deleted = journal.delete(entry_id)
    if as_json:
        emit_json({"deleted": entry_json(deleted.entry)})
        return
    click.echo(f"Deleted entry #{entry_id}.")

"""`breakwell db`: the database itself, as a whole."""

from __future__ import annotations

from pathlib import Path

import click

from breakwell.cli.context import current
from breakwell.cli.params import json_option
from breakwell.cli.progress import TerminalProgress
from breakwell.cli.render import emit_json
from breakwell.domain.errors import InvalidInput

PASSWORD_WAYS = "PGPASSWORD, ~/.pgpass, --password-file FILE or --ask-password"


@click.group("db")
def database() -> None:
    """Move the journal between databases (SQLite, PostgreSQL)."""


@database.command("copy")
@click.option(
    "--to",
    "target",
    required=True,
    metavar="URL",
    help="Where to: postgresql+psycopg://user@host/name, or sqlite:////full/path.",
)
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the target's password from this file (only you may read it).",
)
@click.option("--ask-password", is_flag=True, help="Ask for the target's password.")
@click.option("--merge", is_flag=True, help="Bring the journal into one the target already holds.")
@json_option
def copy(
    *,
    target: str,
    password_file: Path | None,
    ask_password: bool,
    merge: bool,
    as_json: bool,
) -> None:
    """Copy the whole journal from the database in use into another.

    Every row keeps its id and the copy is checked table by table before it is kept. The
    target must be empty, unless --merge: then only what it lacks is added, as an import
    would (its own event log stays as it was). The database in use does not change; to
    switch, set BREAKWELL_DATABASE_URL or database_url in the config.

    A password is never part of --to, where every user of this machine could read it in the
    process list: PostgreSQL's own PGPASSWORD or ~/.pgpass, --password-file or
    --ask-password give it.
    """
    from breakwell.store.database import shown_url

    given = _target(target)
    connect = _with_password(given, password_file, ask=ask_password)
    cli = current()
    catalogue = cli.settings.catalogue
    with TerminalProgress("Copying") as progress:
        report = cli.services.copy_journal(
            connect,
            merge_into=merge,
            progress=progress,
            known=lambda platform: catalogue.get(platform) is not None,
        )
    shown = shown_url(given)
    if as_json:
        emit_json({"target": shown, "merged": report.merged, "rows": report.counts})
        return
    total = sum(report.counts.values())
    if report.merged:
        added = ", ".join(f"{n} {kind}" for kind, n in report.counts.items() if n) or "nothing"
        click.echo(f"Merged into {shown}: added {added}.")
        return
    click.echo(f"Copied {total} rows into {shown}; every table's count matches.")
    password = "" if shown.startswith("sqlite") else " (its password from PGPASSWORD or ~/.pgpass)"
    click.echo(f"To use it: BREAKWELL_DATABASE_URL='{shown}'{password}.")


def _target(text: str) -> str:
    """The target URL, checked before anything connects, with no password in it."""
    from breakwell.domain.database_url import has_password
    from breakwell.store.urls import absolute

    url = absolute(text)
    if has_password(url):
        raise InvalidInput(
            "a password in --to can be read by every user of this machine; "
            f"leave it out of the URL and give it with {PASSWORD_WAYS}"
        )
    return url


def _with_password(url: str, password_file: Path | None, *, ask: bool) -> str:
    from breakwell.cli.password import ask_password, read_password_file
    from breakwell.store.database import shown_url
    from breakwell.store.urls import with_password

    if password_file is None and not ask:
        return url
    if password_file is not None and ask:
        raise InvalidInput("give the password one way: --password-file or --ask-password")
    if url.startswith("sqlite"):
        raise InvalidInput("a SQLite database has no password; leave out the password options")
    password = read_password_file(password_file) if password_file else ask_password(shown_url(url))
    return with_password(url, password)

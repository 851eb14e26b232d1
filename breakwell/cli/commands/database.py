"""`breakwell db`: the database itself, as a whole."""

from __future__ import annotations

import click

from breakwell.cli.context import current
from breakwell.cli.params import json_option
from breakwell.cli.progress import TerminalProgress
from breakwell.cli.render import emit_json


@click.group("db")
def database() -> None:
    """Move the journal between databases (SQLite, PostgreSQL)."""


@database.command("copy")
@click.option(
    "--to",
    "target",
    required=True,
    metavar="URL",
    help="Where to: postgresql+psycopg://user:password@host/name, or sqlite:///path.",
)
@click.option("--merge", is_flag=True, help="Bring the journal into one the target already holds.")
@json_option
def copy(*, target: str, merge: bool, as_json: bool) -> None:
    """Copy the whole journal from the database in use into another.

    Every row keeps its id and the copy is checked table by table before it is kept. The
    target must be empty, unless --merge: then only what it lacks is added, as an import
    would (its own event log stays as it was). The database in use does not change; to
    switch, set BREAKWELL_DATABASE_URL or database_url in the config.
    """
    from breakwell.services.database_copy import copy_database

    cli = current()
    with TerminalProgress("Copying") as progress:
        report = copy_database(cli.services.database, target, merge_into=merge, progress=progress)
    if as_json:
        emit_json({"target": report.target, "merged": report.merged, "rows": report.counts})
        return
    total = sum(report.counts.values())
    if report.merged:
        added = ", ".join(f"{n} {kind}" for kind, n in report.counts.items() if n) or "nothing"
        click.echo(f"Merged into {report.target}: added {added}.")
        return
    click.echo(f"Copied {total} rows into {report.target}; every table's count matches.")
    click.echo(f"To use it: BREAKWELL_DATABASE_URL='{report.target}' (with its password).")

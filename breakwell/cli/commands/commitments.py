"""Commands for commitments: small self-set rules with a quota per day, week or month."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from breakwell.cli.context import current
from breakwell.cli.params import (
    ID,
    NumberFriendlyCommand,
    WholeNumber,
    json_option,
    limit_option,
)
from breakwell.cli.render import aligned, emit_json
from breakwell.domain.commitments import MAX_QUOTA, Period
from breakwell.domain.timefmt import describe_moment, iso_local

if TYPE_CHECKING:
    from breakwell.domain.commitments import Commitment, Standing

PERIOD = click.Choice([p.value for p in Period], case_sensitive=False)


def commitment_json(item: Commitment) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": item.text,
        "max": item.max_count,
        "per": item.period.value,
        "created_at": iso_local(item.created_at),
        "archived_at": iso_local(item.archived_at),
    }


def standing_json(standing: Standing) -> dict[str, Any]:
    return {
        **commitment_json(standing.commitment),
        "period_start": standing.starts.isoformat(),
        "period_end": standing.ends.isoformat(),
        "count": standing.count,
        "left": standing.left,
        "kept": standing.kept,
    }


def standing_row(standing: Standing) -> tuple[str, str, str, str]:
    item = standing.commitment
    return (f"#{item.id}", "ok" if standing.kept else "over", standing.describe(), item.text)


@click.group()
def commit() -> None:
    """Commitments: small rules with a quota, logged honestly."""


@commit.command("add", cls=NumberFriendlyCommand)
@click.argument("text")
@click.option(
    "--max",
    "max_count",
    type=WholeNumber(0, MAX_QUOTA),
    required=True,
    help=f"The most times allowed each period, 0 to {MAX_QUOTA}.",
)
@click.option("--per", type=PERIOD, default="week", show_default=True, help="day, week or month.")
@json_option
def add(text: str, max_count: int, per: str, as_json: bool) -> None:
    """Set yourself a commitment with a quota."""
    saved = current().services.commitments.add(text, max_count, per)
    if as_json:
        emit_json(commitment_json(saved))
        return
    click.echo(f"Commitment #{saved.id}: {saved.text} ({saved.quota}).")


@commit.command("log", cls=NumberFriendlyCommand)
@click.argument("commitment_id", type=ID, metavar="ID")
@click.argument("note", required=False, default="")
@json_option
def log(commitment_id: int, note: str, as_json: bool) -> None:
    """Log one use of commitment ID's quota, with an optional NOTE."""
    standing = current().services.commitments.log(commitment_id, note)
    if as_json:
        emit_json(standing_json(standing))
        return
    item = standing.commitment
    click.echo(f"Logged against #{item.id} ({item.text}): {standing.describe()}.")
    if not standing.kept:
        click.echo("Noted honestly; the count starts again next " + item.period.value + ".")


@commit.command("list")
@json_option
def list_(as_json: bool) -> None:
    """Each commitment with this period's count against its quota."""
    standings = current().services.commitments.standings()
    if as_json:
        emit_json([standing_json(s) for s in standings])
        return
    if not standings:
        click.echo('No commitments yet. Add one: breakwell commit add "..." --max 1 --per week')
        return
    for line in aligned([standing_row(standing) for standing in standings]):
        click.echo(line)


@commit.command("history", cls=NumberFriendlyCommand)
@click.argument("commitment_id", type=ID, metavar="ID")
@limit_option(20)
@json_option
def history(commitment_id: int, limit: int, as_json: bool) -> None:
    """The latest logs of commitment ID, newest first."""
    cli = current()
    item, logs = cli.services.commitments.logs(commitment_id, limit)
    if as_json:
        emit_json(
            {
                **commitment_json(item),
                "logs": [{"at": iso_local(x.logged_at), "note": x.note or None} for x in logs],
            }
        )
        return
    click.echo(f"#{item.id} {item.text} ({item.quota})")
    now = cli.clock.now()
    for entry in logs:
        note = f"  {entry.note}" if entry.note else ""
        click.echo(f"  {describe_moment(entry.logged_at, now)}{note}")
    if not logs:
        click.echo("  Nothing logged yet.")


@commit.command("archive", cls=NumberFriendlyCommand)
@click.argument("commitment_id", type=ID, metavar="ID")
def archive(commitment_id: int) -> None:
    """Stop commitment ID; its history stays in reviews and exports."""
    item = current().services.commitments.archive(commitment_id)
    click.echo(f"Archived commitment #{item.id}: {item.text}.")

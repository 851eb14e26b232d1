"""The people you chose to write about: who, how often, when last, and why they matter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from breakwell.cli.context import current
from breakwell.cli.params import NumberFriendlyCommand, json_option
from breakwell.cli.render import emit_json
from breakwell.domain.errors import InvalidInput
from breakwell.domain.timefmt import describe_moment, iso_local

if TYPE_CHECKING:
    from datetime import datetime

    from breakwell.domain.people import Person


def person_json(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "entries": person.entries,
        "last_mention": iso_local(person.last_mention),
        "why": person.why or None,
    }


def person_rows(people: list[Person], now: datetime) -> list[str]:
    """One aligned line per person: name, entries, last mention, why."""
    cells = [
        (
            f"@{p.name}",
            f"{p.entries} {'entry' if p.entries == 1 else 'entries'}",
            describe_moment(p.last_mention, now) if p.last_mention else "-",
            p.why,
        )
        for p in people
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(3)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + (f"  {row[3]}" if row[3] else "")
        for row in cells
    ]


@click.group(invoke_without_command=True)
@json_option
@click.pass_context
def people(ctx: click.Context, as_json: bool) -> None:
    """The people you wrote about, and why they matter to you.

    Each @name with how many entries name them and when you last did. Their entries:
    breakwell search --person NAME.
    """
    if ctx.invoked_subcommand is not None:
        return
    cli = current()
    found = cli.services.people.everyone()
    if as_json:
        emit_json([person_json(p) for p in found])
        return
    if not found:
        click.echo('No one yet. Name someone as @name in an entry: breakwell note "... @alice"')
        return
    for line in person_rows(found, cli.clock.now()):
        click.echo(line.rstrip())


@people.command("why", cls=NumberFriendlyCommand)
@click.argument("name")
@click.argument("text", required=False)
@click.option("--clear", is_flag=True, help="Remove the line.")
@json_option
def why(name: str, text: str | None, clear: bool, as_json: bool) -> None:
    """Say in one line why NAME matters to you (or --clear it)."""
    service = current().services.people
    if clear and text is not None:
        raise InvalidInput("give a line or --clear, not both")
    if not clear and text is None:
        raise InvalidInput(
            "say why in one line, such as: people why alice 'gives more than she takes'"
        )
    person = service.clear_why(name) if clear else service.set_why(name, text or "")
    if as_json:
        emit_json(person_json(person))
        return
    if person.why:
        click.echo(f"@{person.name}: {person.why}")
    else:
        click.echo(f"@{person.name}: no line kept.")

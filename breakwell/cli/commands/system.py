"""Commands about breakwell itself: where things live and whether all is well."""

from __future__ import annotations

from typing import Any

import click

from breakwell.cli import quick_specs as specs
from breakwell.cli.answers import system as answers
from breakwell.cli.context import current
from breakwell.cli.params import ID, from_spec, json_option, limit_option
from breakwell.cli.render import aligned, emit_json, event_json
from breakwell.domain.timefmt import describe_moment


@click.command()
@from_spec(specs.PATHS)
def paths(**values: Any) -> None:
    """Print where breakwell keeps its config, data and logs."""
    answers.paths(current(), **values)


@click.command()
@json_option
def doctor(as_json: bool) -> None:
    """Check the config, database, migrations and file permissions.

    Exits 1 when a check fails, with the fix where there is one.
    """
    from breakwell.cli.doctor import run_checks

    checks = run_checks()
    if as_json:
        emit_json([{"check": c.name, "ok": c.ok, "detail": c.detail} for c in checks])
    else:
        lines = aligned([(check.name, check.detail) for check in checks], gap=" ")
        for check, line in zip(checks, lines, strict=True):
            mark = click.style("ok ", fg="green") if check.ok else click.style("BAD", fg="red")
            click.echo(f"{mark} {line}")
    if not all(check.ok for check in checks):
        click.get_current_context().exit(1)


@click.command()
@limit_option(30)
@click.option("--break", "break_id", type=ID, metavar="ID", help="Only events of this break.")
@click.option(
    "--kind", "-k", "kinds", multiple=True, metavar="KIND", help="break.completed, block, ..."
)
@json_option
def events(*, limit: int, break_id: int | None, kinds: tuple[str, ...], as_json: bool) -> None:
    """List what breakwell did and when, newest last.

    Transitions of breaks, blocks applied and removed, notifications sent.
    """
    cli = current()
    found = cli.services.events.recent(limit, break_id, kinds)
    if as_json:
        emit_json([event_json(e) for e in found])
        return
    if not found:
        click.echo("Nothing has happened yet.")
        return
    now = cli.clock.now()
    rows = [
        (
            describe_moment(event.at, now, seconds=True),
            event.kind.value,
            f"#{event.break_id}" if event.break_id else "",
            "  ".join(
                part for part in (event.detail, f"({event.device})" if event.device else "") if part
            ),
        )
        for event in reversed(found)
    ]
    for line in aligned(rows):
        click.echo(line)

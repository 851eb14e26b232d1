"""Commands about breakwell itself: where things live and whether all is well."""

from __future__ import annotations

import click

from breakwell.cli.context import current
from breakwell.cli.params import json_option
from breakwell.cli.render import emit_json


@click.command()
@json_option
def paths(as_json: bool) -> None:
    """Print where breakwell keeps its config, data, logs and run files."""
    from breakwell.cli.doctor import database_location

    settings = current().settings
    places = {
        "config_file": str(settings.paths.config_file),
        "database": database_location(settings.database_url),
        "data_dir": str(settings.paths.data_dir),
        "log_dir": str(settings.paths.log_dir),
        "runtime_dir": str(settings.paths.runtime_dir),
    }
    if as_json:
        emit_json(places)
        return
    width = max(len(key) for key in places)
    for key, value in places.items():
        click.echo(f"{key.replace('_', ' '):<{width}}  {value}")


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
        for check in checks:
            mark = click.style("ok ", fg="green") if check.ok else click.style("BAD", fg="red")
            click.echo(f"{mark} {check.name:<12} {check.detail}")
    if not all(check.ok for check in checks):
        click.get_current_context().exit(1)

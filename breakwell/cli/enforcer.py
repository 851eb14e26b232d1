"""Telling the person when nothing is enforcing their breaks."""

from __future__ import annotations

import click

from breakwell.cli.context import CliContext


def remind_if_unenforced(cli: CliContext) -> None:
    """On stderr, so scripts reading stdout (and --json) are not disturbed."""
    from breakwell.enforce.lock import running_enforcer

    if running_enforcer(cli.settings.paths.runtime_dir) is not None:
        return
    click.echo(
        "Note: no enforcer is running, so nothing will end breaks on time, block sites or "
        "notify you. Start one with `breakwell daemon run`, or keep one running with "
        "`breakwell daemon install`. The break is saved either way.",
        err=True,
    )

"""Telling the person when nothing is enforcing their breaks."""

from __future__ import annotations

import click

from breakwell.cli.context import CliContext


def remind_if_unenforced(cli: CliContext) -> None:
    """On stderr, so scripts reading stdout (and --json) are not disturbed."""
    if enforcer_pid(cli) is not None:
        return
    click.echo(
        "Note: no enforcer is running, so nothing will end breaks on time, block sites or "
        "notify you. Start one with `breakwell daemon run`, or keep one running with "
        "`breakwell daemon install`. The break is saved either way.",
        err=True,
    )


def enforcer_pid(cli: CliContext) -> int | None:
    """The running enforcer's pid (0 if unknown), or None when none runs."""
    from breakwell.enforce.lock import running_enforcer

    return running_enforcer(cli.settings.paths.runtime_dir)


def warn_if_block_left(cli: CliContext, break_running: bool, enforced: bool) -> None:
    """A crashed or stopped enforcer leaves its block; say so when nothing will lift it.

    Another journal's block in a shared hosts file is that journal's to lift, never ours."""
    from breakwell.enforce.probe import unattended_block

    if break_running or enforced:
        return
    path = cli.settings.hosts_file
    if unattended_block(cli.settings):
        click.echo(
            f"Note: {path} still blocks sites, but no break is running and no enforcer is "
            "there to lift the block; start one (`breakwell daemon run`) or run "
            "`breakwell unblock --emergency`.",
            err=True,
        )

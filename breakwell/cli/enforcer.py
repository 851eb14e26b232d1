"""Keeping breaks enforced after a command, and telling the person when nothing does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from breakwell.cli.output import say

if TYPE_CHECKING:
    from breakwell.cli.context import CliContext

UNENFORCED = (
    "Note: no enforcer is running, so nothing will end breaks on time, block sites or "
    "notify you. Start one with `breakwell daemon run`, or keep one running with "
    "`breakwell daemon install`. The break is saved either way."
)


def keep_enforced(cli: CliContext, what: str) -> None:
    """After a command that left something to enforce (`what`, such as "break #3"): start
    an enforcer in the background if none runs, unless autostart is off.

    On stderr, so scripts reading stdout (and --json) are not disturbed.
    """
    from breakwell.enforce.autostart import Keeper, ensure_enforcer

    kept = ensure_enforcer(cli.settings)
    if kept.keeper is Keeper.STARTED:
        say(
            f"breakwell keeps {what} in the background (enforcer pid {kept.pid}; it stops by "
            "itself once nothing is left to keep).",
            err=True,
        )
    elif kept.keeper is Keeper.FAILED:
        say(f"Note: {kept.problem}, so nothing keeps {what} on time; it is saved.", err=True)
    elif kept.keeper is Keeper.OFF:
        say(UNENFORCED, err=True)


def keep_enforced_if_needed(cli: CliContext) -> bool:
    """After a break ended or was called off: whether an enforcer now runs, starting one if
    a block is left to lift or something else still needs enforcing."""
    from breakwell.enforce.autostart import autostart_enabled, ensure_enforcer
    from breakwell.enforce.probe import unattended_block

    if enforcer_pid(cli) is not None:
        return True
    if not autostart_enabled(cli.settings):
        return False
    from breakwell.enforce.autostart import something_to_enforce

    # Another journal's block in a shared hosts file is not this one's to lift.
    block_left = bool(unattended_block(cli.settings))
    if not block_left and not something_to_enforce(cli.services):
        return False
    kept = ensure_enforcer(cli.settings)
    if kept.enforced and block_left:
        say(f"breakwell lifts the block in the background (enforcer pid {kept.pid}).", err=True)
    return kept.enforced


def enforcer_pid(cli: CliContext) -> int | None:
    """The running enforcer's pid (0 if unknown), or None when none runs."""
    from breakwell.enforce.lock import running_enforcer

    return running_enforcer(cli.settings.paths.runtime_dir)


def warn_if_block_left(cli: CliContext, break_running: bool, enforced: bool) -> None:
    """A crashed or stopped enforcer leaves its block; say so when nothing will lift it.

    Another journal's block in a shared hosts file is that journal's to lift, never ours."""
    if break_running or enforced:
        return
    from breakwell.enforce.autostart import autostart_enabled, ensure_enforcer
    from breakwell.enforce.probe import unattended_block

    path = cli.settings.hosts_file
    if not unattended_block(cli.settings):
        return
    # The break is over: lifting its block is the enforcer's work, not an emergency.
    if autostart_enabled(cli.settings) and ensure_enforcer(cli.settings).enforced:
        say(f"breakwell lifts the block left in {path} in the background.", err=True)
        return
    say(
        f"Note: {path} still blocks sites, but no break is running and no enforcer is there "
        "to lift the block; start one with `breakwell daemon run`.",
        err=True,
    )

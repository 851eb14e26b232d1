"""Commands for the enforcer and for blocking."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from breakwell.cli.context import current
from breakwell.cli.params import json_option
from breakwell.cli.render import emit_json
from breakwell.domain.errors import BreakwellError, InvalidInput

if TYPE_CHECKING:
    from breakwell.enforce.service_files import Installed, Outcome


@click.group()
def daemon() -> None:
    """Run or install the enforcer that keeps breaks on schedule."""


@daemon.command("run")
@click.option("--wait", is_flag=True, help="If another enforcer runs, wait for it to stop.")
@click.option(
    "--until-idle",
    is_flag=True,
    help="Stop once nothing is left to enforce (how breakwell starts one by itself).",
)
def daemon_run(*, wait: bool, until_idle: bool) -> None:
    """Enforce in the foreground until stopped (Ctrl-C)."""
    from breakwell.enforce import daemon as enforcer

    cli = current()
    settings = cli.settings
    log = settings.paths.log_dir / "daemon.log"

    def started() -> None:
        if not until_idle:
            click.echo(f"breakwell enforcer running (pid {os.getpid()}); log: {log}", err=True)

    enforcer.run(settings, cli.clock, wait=wait, until_idle=until_idle, started=started)


@daemon.command("install")
def daemon_install() -> None:
    """Start the enforcer at login: a systemd user unit, an XDG autostart entry where no
    systemd user bus answers, or a launchd agent on macOS."""
    from breakwell.enforce import service_files

    _report(service_files.install_at_login())


@daemon.command("uninstall")
def daemon_uninstall() -> None:
    """Stop and remove what starts the enforcer at login."""
    from breakwell.enforce import service_files

    _report(service_files.uninstall_all())


def _report(outcome: Outcome) -> None:
    for line in outcome.done:
        click.echo(line)
    if not outcome.ok:
        click.get_current_context().exit(1)


@daemon.command("status")
@json_option
def daemon_status(*, as_json: bool) -> None:
    """Say whether an enforcer runs, and what is installed to start one at login."""
    from breakwell.enforce import service_files
    from breakwell.enforce.lock import running_enforcer

    settings = current().settings
    pid = running_enforcer(settings.paths.runtime_dir)
    try:
        found = service_files.installed()
    except BreakwellError:
        found = []
    if as_json:
        emit_json(
            {
                "running": pid is not None,
                "pid": pid or None,
                "installed": str(found[0].path) if found else None,
                "services": [
                    {
                        "kind": item.kind,
                        "path": str(item.path),
                        "enabled": item.enabled,
                        "running": item.active,
                    }
                    for item in found
                ],
            }
        )
        return
    click.echo(f"enforcer: running (pid {pid})" if pid is not None else "enforcer: not running")
    for item in found:
        click.echo(f"service: installed at {item.path} ({_service_state(item)})")
    if not found:
        click.echo("service: not installed (to start the enforcer at login: daemon install)")


def _service_state(item: Installed) -> str:
    words = [item.kind]
    if item.enabled is None:
        words.append("enabled: unknown, its manager did not answer")
    else:
        words.append("enabled" if item.enabled else "not enabled")
    if item.active is not None:
        words.append("running" if item.active else "not running")
    return "; ".join(words)


@click.command()
@click.option("--emergency", is_flag=True, help="Required: this is an emergency exit.")
def unblock(*, emergency: bool) -> None:
    """Remove the sites block now; the break itself goes on.

    Meant for emergencies: it lasts for the rest of the break and is logged.
    """
    if not emergency:
        raise InvalidInput("removing the block during a break needs --emergency (it is logged)")
    from breakwell.enforce.unblock import Lifted, emergency_unblock

    cli = current()
    done = emergency_unblock(cli.services, cli.settings)
    during = f" for break #{done.break_id}" if done.break_id else ""
    if done.lifted is Lifted.NOT_OURS:
        click.echo(
            f"Break #{done.break_id} will not be blocked again. Logged; the break itself goes "
            f"on. The block now in {cli.settings.hosts_file} is another breakwell "
            "journal's and stays; lift it from that journal."
        )
        return
    by = (
        " (the enforcer lifts the block at its next check)"
        if done.lifted is Lifted.BY_ENFORCER
        else ""
    )
    click.echo(f"Sites unblocked{during}{by}. Logged; the break itself goes on.")


@click.group()
def blocking() -> None:
    """See and grant what breakwell needs to block sites."""


@blocking.command("status")
@json_option
def blocking_status(*, as_json: bool) -> None:
    """Show the hosts file, what it blocks, and whether breakwell may edit it."""
    from breakwell.enforce import hosts
    from breakwell.enforce.blocker import Blocker
    from breakwell.enforce.helper_file import GRANT_COMMAND, helper_installed

    path = current().settings.hosts_file
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    try:
        content = path.read_bytes()
    except OSError:
        content = b""
    blocked = Blocker(path, exclusive=False).blocked()
    left = hosts.orphaned_lines(content)
    if as_json:
        emit_json(
            {
                "hosts_file": str(path),
                "blocked": blocked,
                "orphaned_lines": left,
                "writable": writable,
                "helper_installed": helper_installed(),
            }
        )
        return
    click.echo(f"hosts file: {path}")
    click.echo(f"blocked now: {', '.join(blocked) or 'nothing'}")
    if left:
        click.echo(
            f"left behind: {len(left)} breakwell lines outside a whole block "
            f"(the enforcer removes them): {'; '.join(left[:4])}{' ...' if len(left) > 4 else ''}"
        )
    if writable:
        click.echo("access: breakwell can edit it directly")
    elif helper_installed():
        click.echo("access: through the installed helper")
    else:
        click.echo(f"access: none, so blocking is soft; allow it with: {GRANT_COMMAND}")


@blocking.command("grant")
@click.option("--user", help="Whose breaks may block sites (default: you, or who runs sudo).")
@click.option(
    "--print",
    "show",
    is_flag=True,
    help="Run without sudo: write the helper and the rule, and print the root commands to run.",
)
def blocking_grant(*, user: str | None, show: bool) -> None:
    """Install the small hosts helper and its sudoers rule.

    With --print (the safe way), nothing runs as root: the one helper file is written for you
    to review, with the commands that copy it into place. Without it, this must run with sudo
    from an installation only root can change.
    """
    import pwd

    from breakwell.enforce import privilege

    if show:
        who = user or os.environ.get("SUDO_USER") or pwd.getpwuid(os.getuid()).pw_name
        ready = privilege.prepare(who)
        click.echo(f"The helper is one file, Python's standard library only: {ready.helper_file}")
        click.echo(f"sha256: {ready.digest}")
        click.echo(f"The sudoers rule: {ready.rule_file}")
        click.echo("Read both, then run (each line asks root to copy one file, or check it):")
        for line in ready.commands:
            click.echo(f"  {line}")
        return
    grant = privilege.plan_grant(user or os.environ.get("SUDO_USER"))
    for line in privilege.install(grant):
        click.echo(line)


@blocking.command("revoke")
def blocking_revoke() -> None:
    """Remove the hosts helper and its sudoers rule (run with sudo)."""
    from breakwell.enforce import privilege

    if os.geteuid() != 0:
        raise InvalidInput(f"revoking needs root; run: {privilege.REVOKE_COMMAND}")
    privilege.check_installation(None, f"run: {privilege.REVOKE_COMMAND}")
    for line in privilege.uninstall():
        click.echo(line)

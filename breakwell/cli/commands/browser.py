"""Commands for the browser companion: the host the browser runs, and connecting it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from breakwell.cli.context import current
from breakwell.cli.params import json_option
from breakwell.cli.render import emit_json

# Chromium passes the extension's origin (and on Windows a window handle), Firefox the
# manifest's path and the extension's id: whatever comes is the host's to judge.
_ANY_ARGUMENTS = {"ignore_unknown_options": True, "allow_extra_args": True}


@click.command("browser-host", hidden=True, context_settings=_ANY_ARGUMENTS)
@click.argument("caller", nargs=-1, type=click.UNPROCESSED)
def browser_host(caller: tuple[str, ...]) -> None:
    """Talk to the browser companion over native messaging (the browser runs this)."""
    from breakwell.browser.host import EXIT_REFUSED, REFUSED, run_host
    from breakwell.domain.errors import RuleRefused

    cli = current()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # Standard output carries the protocol alone: a stray line printed there would be read
    # as the length of a message.
    sys.stdout = sys.stderr
    if run_host(cli.services, cli.settings, list(caller), stdin, stdout) == EXIT_REFUSED:
        # Said to the extension already; the browser's log gets it from standard error.
        raise RuleRefused(REFUSED)


@click.group()
def browser() -> None:
    """Connect the companion that keeps breaks in the browser.

    In a watch break it lets pages load and refuses posting; in an unplug break it shows
    the break's own page instead of its sites.
    """


@browser.command("install")
@click.option(
    "--browser",
    "names",
    multiple=True,
    metavar="NAME",
    help="chromium, chrome, brave, edge or firefox (default: every one found). Repeatable.",
)
@click.option(
    "--profile",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="A Chromium profile folder (--user-data-dir) to install into instead.",
)
def install(names: tuple[str, ...], profile: Path | None) -> None:
    """Connect the browsers found (or named) to breakwell.

    Writes the host manifest each browser reads from its own folder, and says how to load
    the extension.
    """
    from breakwell.browser.files import extension_folder
    from breakwell.browser.install import install as install_hosts

    cli = current()
    for found, path in install_hosts(cli.settings.paths.data_dir, os.environ, names, profile):
        click.echo(f"Installed the host for {found.name}: {path}")
    folder = extension_folder()
    click.echo(f"Now load the extension from {folder} (`breakwell browser path` prints it):")
    click.echo(
        '  Chromium, Chrome, Brave, Edge: open chrome://extensions, turn on "Developer mode", '
        'click "Load unpacked" and choose that folder.'
    )
    click.echo(
        "  Firefox: open about:debugging#/runtime/this-firefox, click "
        '"Load Temporary Add-on…" and choose manifest.json in that folder (until Firefox '
        "restarts)."
    )
    click.echo(
        "Then `breakwell browser status` says whether each browser's companion is connected."
    )


@browser.command("status")
@json_option
def status(as_json: bool) -> None:
    """Say which browsers have the host and a companion connected."""
    from breakwell.browser.install import browser_status
    from breakwell.enforce.companions import connected_companions

    cli = current()
    connected = connected_companions(cli.settings.paths.runtime_dir)
    rows: list[dict[str, Any]] = [
        {
            "browser": row.browser.id,
            "name": row.browser.name,
            "manifest": str(row.manifest),
            "installed": row.installed,
            "connected": row.connected,
        }
        for row in browser_status(os.environ, connected)
    ]
    known = {row["browser"] for row in rows}
    # A browser breakwell has no folder for (one the person set up by hand) still says hello.
    rows += [
        {"browser": name, "name": name, "manifest": None, "installed": None, "connected": True}
        for name in connected
        if name not in known
    ]
    if as_json:
        emit_json(rows)
        return
    width = max(len(row["name"]) for row in rows)
    for row in rows:
        host = {True: "host installed", False: "no host", None: "host set up elsewhere"}
        link = "connected" if row["connected"] else "not connected"
        click.echo(f"{row['name']:<{width}}  {host[row['installed']]}, {link}")
    if not any(row["installed"] for row in rows):
        click.echo("Connect the companion with: breakwell browser install")


@browser.command("path")
def path() -> None:
    """Print the folder of the extension, to load it into a browser."""
    from breakwell.browser.files import extension_folder

    click.echo(str(extension_folder()))

"""`breakwell demo`: the app on a sample journal, in a home of its own."""

from __future__ import annotations

import json
import os
import shlex
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from breakwell.cli.context import current
from breakwell.domain.errors import InvalidInput
from breakwell.private_files import ensure_private_dir

if TYPE_CHECKING:
    from breakwell.demo import DemoSummary

# A demo must never block sites on this machine, nor nudge or close its apps, nor leave an
# enforcer running for its plans once the app is closed.
CONFIG = """\
[blocking]
hosts_file = {hosts}
watch_apps = false

[notifications]
desktop = false

[enforcer]
autostart = false
"""


@click.command()
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="An empty or new folder for it (default: a new temporary one).",
)
@click.option(
    "--weeks",
    type=click.IntRange(4, 52),
    default=10,
    show_default=True,
    help="How far back the journal goes.",
)
@click.option("--fill-only", is_flag=True, help="Write the journal, but do not open the app.")
def demo(*, home: Path | None, weeks: int, fill_only: bool) -> None:
    """Try the app on a sample journal, apart from your own."""
    if not fill_only and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InvalidInput("the app needs a terminal; use --fill-only to only write the journal")
    folder = _fresh_home(home)
    os.environ["BREAKWELL_HOME"] = str(folder)
    # A database set for the person's own journal must not receive the sample.
    os.environ.pop("BREAKWELL_DATABASE_URL", None)
    summary = _fill(weeks)
    quoted = shlex.quote(str(folder))
    click.echo(
        f"Wrote a sample journal of {summary.breaks} breaks and {summary.entries} entries "
        f"to {folder}"
    )
    if fill_only:
        click.echo(f"Open it with: BREAKWELL_HOME={quoted} breakwell")
    else:
        from breakwell.services import build_services
        from breakwell.settings import load_settings
        from breakwell.tui import run_app

        settings = load_settings()
        services = build_services(settings, current().clock)
        try:
            run_app(services, settings)
        finally:
            services.close()
    click.echo(f"Delete it when you are done: rm -r {quoted}")


def _fresh_home(home: Path | None) -> Path:
    if home is None:
        folder = Path(tempfile.mkdtemp(prefix="breakwell-demo-"))
    else:
        folder = home.expanduser().absolute()
        try:
            if folder.exists() and any(folder.iterdir()):
                raise InvalidInput(f"--home {folder} is not empty; give a new or empty folder")
            ensure_private_dir(folder)
        except OSError as error:
            raise InvalidInput(f"--home {folder}: {error.strerror}") from None
    hosts = folder / "hosts"
    hosts.write_text("127.0.0.1 localhost\n", encoding="utf-8")
    (folder / "config.toml").write_text(CONFIG.format(hosts=json.dumps(str(hosts))), "utf-8")
    return folder


def _fill(weeks: int) -> DemoSummary:
    """Fill on a fake clock that walks up to the real now, so the app carries on from there."""
    from breakwell.demo import fill_demo
    from breakwell.domain.clock import FakeClock
    from breakwell.services import build_services
    from breakwell.settings import load_settings

    clock = FakeClock(current().clock.now())
    services = build_services(load_settings(), clock)
    try:
        return fill_demo(services, clock, weeks=weeks)
    finally:
        services.close()

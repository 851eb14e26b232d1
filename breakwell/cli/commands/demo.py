"""`breakwell demo`: the app on a sample journal, in a home of its own."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from breakwell.cli.context import current
from breakwell.cli.params import WholeNumber
from breakwell.domain.errors import InvalidInput
from breakwell.private_files import ensure_private_dir
from breakwell.settings.paths import DATABASE_URL_ENV, HOME_ENV

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
PREFIX = "breakwell-demo-"


@click.command()
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="An empty or new folder for it, kept afterwards (default: a new temporary one, "
    "removed when the app closes).",
)
@click.option(
    "--weeks",
    type=WholeNumber(4, 52),
    default=10,
    show_default=True,
    help="How far back the journal goes, in weeks: 4 to 52.",
)
@click.option(
    "--fill-only",
    is_flag=True,
    help="Write the journal, but do not open the app (the folder is kept to open later).",
)
def demo(*, home: Path | None, weeks: int, fill_only: bool) -> None:
    """Try the app on a sample journal, apart from your own."""
    if not fill_only and not on_terminal():
        raise InvalidInput("the app needs a terminal; use --fill-only to only write the journal")
    folder = _given_home(home) if home is not None else Path(tempfile.mkdtemp(prefix=PREFIX))
    # A folder the person gave is theirs to keep; one made here goes once it has served,
    # and with it whatever a failed or interrupted fill left half written.
    throwaway = home is None
    quoted = shlex.quote(str(folder))
    try:
        with _stopped_as_interrupt(), _journal_in(folder):
            _configure(folder)
            summary = _fill(weeks)
            click.echo(
                f"Wrote a sample journal of {summary.breaks} breaks and {summary.entries} "
                f"entries to {folder}"
            )
            if not fill_only:
                _open_app()
    except BaseException:
        if throwaway:
            _remove(folder)
        raise
    if fill_only:
        click.echo(f"Open it with: BREAKWELL_HOME={quoted} breakwell")
    elif throwaway:
        if _remove(folder):
            click.echo(f"Removed the sample journal in {folder}")
        return
    click.echo(f"Delete it when you are done: rm -r {quoted}")


def on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _open_app() -> None:
    from breakwell.services import build_services
    from breakwell.settings import load_settings
    from breakwell.tui import run_app

    settings = load_settings()
    services = build_services(settings, current().clock)
    try:
        run_app(services, settings)
    finally:
        services.close()


def _given_home(home: Path) -> Path:
    folder = home.expanduser().absolute()
    try:
        if folder.exists() and any(folder.iterdir()):
            raise InvalidInput(f"--home {folder} is not empty; give a new or empty folder")
        ensure_private_dir(folder)
    except OSError as error:
        raise InvalidInput(f"--home {folder}: {error.strerror}") from None
    return folder


def _configure(folder: Path) -> None:
    hosts = folder / "hosts"
    hosts.write_text("127.0.0.1 localhost\n", encoding="utf-8")
    (folder / "config.toml").write_text(CONFIG.format(hosts=json.dumps(str(hosts))), "utf-8")


@contextmanager
def _journal_in(folder: Path) -> Iterator[None]:
    """Everything in between uses the sample journal; afterwards the person's own settings
    are back, so a failure is logged in their own log rather than in the folder just
    removed (which writing there would make again)."""
    saved = {name: os.environ.get(name) for name in (HOME_ENV, DATABASE_URL_ENV)}
    os.environ[HOME_ENV] = str(folder)
    # A database set for the person's own journal must not receive the sample.
    os.environ.pop(DATABASE_URL_ENV, None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _stopped_as_interrupt() -> Iterator[None]:
    """A request to stop (SIGTERM) unwinds like Ctrl+C, so the folder is still removed;
    the app, while open, answers it by quitting."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _remove(folder: Path) -> bool:
    try:
        shutil.rmtree(folder)
    except OSError as error:
        click.echo(f"breakwell: could not remove {folder}: {error.strerror}", err=True)
        return False
    return True


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

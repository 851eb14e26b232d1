"""What `paths` and `breakwell` alone (the app) do, apart from how the command line is read
(see cli/answers/)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from breakwell.cli.output import say
from breakwell.cli.render import aligned, emit_json

if TYPE_CHECKING:
    from collections.abc import Callable

    from breakwell.cli.context import CliContext
    from breakwell.services import Services


def paths(cli: CliContext, *, as_json: bool) -> None:
    from breakwell.cli.doctor import database_location

    settings = cli.settings
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
    for line in aligned([(key.replace("_", " "), value) for key, value in places.items()]):
        say(line)


def app(cli: CliContext) -> None:
    """Open the app. The services, and the database code with them, are built once it has
    drawn; the Now screen's data is read before them, without that code, where it can be."""
    from breakwell.cli.glance import glance_reader
    from breakwell.tui import run_app

    def build(announce: Callable[[str], None]) -> Services:
        # The app owns the terminal: a long upgrade is said on its screen, not on stderr.
        cli.announce = announce
        return cli.services

    run_app(build, cli.settings, glance=glance_reader(cli), clock=cli.clock)

"""What the app's Now screen shows, read over sqlite3 while the app builds its services."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from breakwell.cli.context import CliContext
    from breakwell.domain.blocking import MachineLook
    from breakwell.domain.glance import Glance
    from breakwell.tui.app import GlanceReader


def glance_reader(cli: CliContext) -> GlanceReader:
    """A reader for the app (tui/app.py): the journal the command line opens, on its clock,
    in the local zone the services count commitments in."""
    settings = cli.settings

    def read(look: MachineLook | None, latest: int) -> Glance | None:
        from breakwell.store import quick_glance

        return quick_glance.glance(
            settings.database_url,
            cli.clock.now(),
            device=settings.device,
            look=look,
            catalogue=settings.catalogue,
            hosts_file=settings.hosts_file,
            zone=None,
            latest=latest,
        )

    return read

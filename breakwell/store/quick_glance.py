"""The app's Now screen over sqlite3 (store/quick.py), while the services are still being built.

One read transaction gives what the Now screen shows: the status as store/quick_status.py
reads it, the latest entries as `search` finds them, whether this is a first visit, and where
each commitment stands, counted by the rule the services count by (domain/commitments.py).
Wherever quick_status leaves the status to the services, this returns None and the screen
waits for them.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from breakwell.domain.commitments import standings_on
from breakwell.domain.entries import EntryQuery
from breakwell.domain.glance import Glance, first_time
from breakwell.domain.values import replace
from breakwell.domain.when import to_local
from breakwell.store import break_rows, commitment_rows, entry_search, quick, quick_status
from breakwell.store.moments import stored_moment

if TYPE_CHECKING:
    from breakwell.domain.blocking import MachineLook
    from breakwell.domain.platforms import Catalogue
    from breakwell.domain.status import BlockRecord
    from breakwell.store.entry_search import Run


def glance(
    url: str,
    now: datetime,
    *,
    device: str,
    look: MachineLook | None,
    catalogue: Catalogue,
    hosts_file: Path,
    zone: tzinfo | None,
    latest: int,
) -> Glance | None:
    """What the Now screen shows once the services have settled, or None where they must."""

    def work(run: Run) -> tuple[Glance, BlockRecord]:
        read = quick_status.read_status(run, now, device)
        entries = tuple(entry_search.find(run, EntryQuery(limit=latest)))
        any_break = bool(break_rows.read_breaks(run, break_rows.NEWEST, (1,)))
        today = to_local(now, zone).date()
        standings = standings_on(
            commitment_rows.read_commitments(run),
            today,
            zone,
            partial(commitment_rows.log_times, run, stored_moment),
        )
        return Glance(read[0], entries, first_time(entries, any_break), tuple(standings)), read[1]

    done = quick.read(url, work)
    if done is None:
        return None
    found, record = done
    status = quick_status.looked_at((found.status, record), look, catalogue, hosts_file)
    return replace(found, status=status)

"""`status` over sqlite3 (store/quick.py), before the ORM loads, in the common case.

With no open break due and no plan active, what runs and comes is the open breaks alone: the
view is built from them, the breaks awaiting reflection and the block's record by the same
functions the services use (domain/status.py). Anything else returns None and the services
settle and answer: a plan's coming windows are theirs to work out.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from breakwell.domain import breaks as rules
from breakwell.domain.blocking import MachineLook
from breakwell.domain.platforms import Catalogue
from breakwell.domain.status import BlockRecord, Status, status_of, with_blocking
from breakwell.domain.windows import ahead_of, break_windows
from breakwell.store import break_rows, event_rows, quick

if TYPE_CHECKING:
    from breakwell.store.entry_search import Run

_ACTIVE_PLAN = "SELECT 1 FROM plans WHERE NOT paused LIMIT 1"


def status(
    url: str,
    now: datetime,
    *,
    device: str,
    look: MachineLook | None,
    catalogue: Catalogue,
    hosts_file: Path,
) -> Status | None:
    """What BreakService.status says once settled, for a journal whose plans are all paused
    (or that has none): a plan's coming windows are the services' to work out."""
    read = quick.read(url, lambda run: read_status(run, now, device))
    if read is None:
        return None
    return looked_at(read, look, catalogue, hosts_file)


def read_status(run: Run, now: datetime, device: str) -> tuple[Status, BlockRecord]:
    """The status and the running breaks' block record; BackOff where the services answer."""
    open_breaks = break_rows.read_breaks(run, break_rows.OPEN)
    if rules.is_due(open_breaks, now) or run(_ACTIVE_PLAN, ()):
        raise quick.BackOff
    awaiting = break_rows.read_breaks(run, break_rows.AWAITING, (break_rows.AWAITING_SHOWN,))
    found = status_of(now, ahead_of(now, break_windows(open_breaks)), awaiting)
    ids = [b.id for b in found.running if b.id is not None]
    return found, event_rows.block_record(run, ids, device)


def looked_at(
    read: tuple[Status, BlockRecord],
    look: MachineLook | None,
    catalogue: Catalogue,
    hosts_file: Path,
) -> Status:
    """With `look`, the status with whether the running breaks are blocked, as
    BreakService.status gives it. The machine is looked at after the journal is closed, as the
    services do."""
    if look is None:
        return read[0]
    return with_blocking(read[0], look, read[1], catalogue, hosts_file)

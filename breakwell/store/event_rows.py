"""Plain-SQL reads of the event log and a device's hosts files, for either driver.

The ORM store (store/events.py, store/devices.py) runs these through its session, and the
sqlite3 quick path through its connection, so `status` reads a block's record the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from breakwell.domain.events import Event, EventKind
from breakwell.domain.status import BlockRecord
from breakwell.store.moments import read_moment

if TYPE_CHECKING:
    from breakwell.store.entry_search import Run

# The detail of a block lifted by the person in an emergency.
EMERGENCY = "emergency"
# This device's last word on whether its block took.
BLOCK_OUTCOMES = (EventKind.BLOCK_APPLIED, EventKind.BLOCK_FAILED)
_COLUMNS = "id, at, kind, break_id, device, detail"


def emergency_unblocked_at(run: Run, break_id: int) -> datetime | None:
    """When the person first removed the block in an emergency during this break, if ever."""
    rows = run(
        "SELECT at FROM events WHERE kind = ? AND detail = ? AND break_id = ? ORDER BY id LIMIT 1",
        (EventKind.BLOCK_REMOVED.value, EMERGENCY, break_id),
    )
    return read_moment(rows[0][0]) if rows else None


def latest_of(run: Run, kinds: Sequence[EventKind], device: str) -> Event | None:
    """The newest event of these kinds this device recorded."""
    marks = ", ".join("?" * len(kinds))
    rows = run(
        f"SELECT {_COLUMNS} FROM events WHERE kind IN ({marks}) AND device = ? "
        "ORDER BY id DESC LIMIT 1",
        (*(k.value for k in kinds), device),
    )
    if not rows:
        return None
    event_id, at, kind, break_id, by, detail = rows[0]
    return Event(read_moment(at), EventKind(kind), break_id, by, detail, id=int(event_id))


def hosts_files(run: Run, device: str) -> tuple[str | None, str | None]:
    """The hosts file this device's enforcer last managed, and one it left a block in."""
    rows = run("SELECT hosts_file, left_hosts_file FROM devices WHERE name = ?", (device,))
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def block_record(run: Run, break_ids: Sequence[int], device: str) -> BlockRecord:
    return BlockRecord(
        emergency={i: emergency_unblocked_at(run, i) for i in break_ids},
        last=latest_of(run, BLOCK_OUTCOMES, device),
        left_file=hosts_files(run, device)[1],
    )
